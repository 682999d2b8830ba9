#include "change_queue.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <iterator>
#include <stdexcept>

namespace sipline::htable {

ChangeQueue::ChangeQueue(size_t capacity) : capacity_{capacity}, event_fd_{eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)} {
    if (event_fd_ < 0) throw std::runtime_error{"htable replication: eventfd failed"};
}

ChangeQueue::~ChangeQueue() { close(event_fd_); }

void ChangeQueue::push(Change &&change) noexcept {
    bool was_empty = false;
    try {
        std::lock_guard lock{mutex_};
        if (changes_.size() >= capacity_) {
            dropped_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        was_empty = changes_.empty();
        if (change.kind == ChangeKind::Add) {
            change.id = next_id_++;
            unsettled_.emplace(change.id, Unsettled{change.table, change.key, change.delta});
            Sum &sum = unsettled_sums_[{change.table, change.key}];
            sum.delta += change.delta;
            ++sum.count;
        }
        changes_.push_back(std::move(change));
    } catch (...) { // out of memory: the change stays local
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    // Only the first change of a batch wakes the thread: under load most pushes make no syscall.
    if (was_empty) wake();
}

std::deque<Change> ChangeQueue::take(size_t max) {
    std::deque<Change> out;
    std::lock_guard lock{mutex_};
    if (changes_.size() <= max) {
        out.swap(changes_);
        return out;
    }
    for (size_t i = 0; i < max; ++i) {
        out.push_back(std::move(changes_.front()));
        changes_.pop_front();
    }
    return out;
}

void ChangeQueue::putBack(std::deque<Change> &&changes) {
    std::lock_guard lock{mutex_};
    while (!changes.empty()) {
        changes_.push_front(std::move(changes.back()));
        changes.pop_back();
    }
}

void ChangeQueue::wake() noexcept {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = write(event_fd_, &one, sizeof one);
}

void ChangeQueue::clearWake() noexcept {
    uint64_t count = 0;
    [[maybe_unused]] const ssize_t got = read(event_fd_, &count, sizeof count);
}

int64_t ChangeQueue::unsettled(uint32_t table, std::string_view key) const {
    std::lock_guard lock{mutex_};
    if (unsettled_sums_.empty()) return 0;
    const auto it = unsettled_sums_.find(std::pair<uint32_t, std::string>{table, std::string{key}});
    return it == unsettled_sums_.end() ? 0 : it->second.delta;
}

void ChangeQueue::settle(uint64_t id) {
    std::lock_guard lock{mutex_};
    if (const auto it = unsettled_.find(id); it != unsettled_.end()) settleLocked(it);
}

void ChangeQueue::settleThrough(uint32_t table, uint64_t id) {
    std::lock_guard lock{mutex_};
    for (auto it = unsettled_.begin(); it != unsettled_.end() && it->first <= id;) {
        const auto next = std::next(it);
        if (it->second.table == table) settleLocked(it);
        it = next;
    }
}

void ChangeQueue::settleLocked(std::map<uint64_t, Unsettled>::iterator it) {
    const auto sum = unsettled_sums_.find(std::pair<uint32_t, std::string>{it->second.table, it->second.key});
    if (sum != unsettled_sums_.end()) {
        sum->second.delta -= it->second.delta;
        if (--sum->second.count == 0) unsettled_sums_.erase(sum);
    }
    unsettled_.erase(it);
}

size_t ChangeQueue::size() const {
    std::lock_guard lock{mutex_};
    return changes_.size();
}

}  // namespace sipline::htable
