#include "core/transaction_table.hpp"

#include <unordered_set>

namespace sipline::core {

bool TransactionTable::insert(const std::shared_ptr<Transaction> &t) {
    std::lock_guard lock{mutex_};
    if (by_id_.size() >= capacity_ || by_key_.count(t->key) || by_id_.count(t->id)) return false;
    by_key_.emplace(t->key, t);
    by_id_.emplace(t->id, t);
    keyed_.store(by_key_.size(), std::memory_order_release);
    return true;
}

void TransactionTable::erase(const Transaction &t) {
    std::lock_guard lock{mutex_};
    if (auto it = by_key_.find(t.key); it != by_key_.end() && it->second.get() == &t) by_key_.erase(it);
    if (auto it = by_id_.find(t.id); it != by_id_.end() && it->second.get() == &t) by_id_.erase(it);
    keyed_.store(by_key_.size(), std::memory_order_release);
}

std::shared_ptr<Transaction> TransactionTable::byKey(const std::string &key) const {
    std::lock_guard lock{mutex_};
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : it->second;
}

std::shared_ptr<Transaction> TransactionTable::byId(std::string_view id) const {
    std::lock_guard lock{mutex_};
    auto it = by_id_.find(std::string{id});
    return it == by_id_.end() ? nullptr : it->second;
}

size_t TransactionTable::size() const {
    std::lock_guard lock{mutex_};
    return by_id_.size();
}

void TransactionTable::schedule(const std::shared_ptr<Transaction> &t, Clock::time_point due) {
    if (due == Clock::time_point::max()) return;
    std::lock_guard lock{mutex_};
    timers_.push(Entry{due, t});
}

std::vector<std::shared_ptr<Transaction>> TransactionTable::takeDue(Clock::time_point now) {
    std::vector<std::shared_ptr<Transaction>> out;
    std::unordered_set<const Transaction *> seen;
    std::lock_guard lock{mutex_};
    while (!timers_.empty() && timers_.top().due <= now) {
        if (auto t = timers_.top().transaction.lock(); t && seen.insert(t.get()).second) out.push_back(std::move(t));
        timers_.pop();
    }
    return out;
}

bool TransactionTable::nothingScheduled() const {
    std::lock_guard lock{mutex_};
    return timers_.empty();
}

}  // namespace sipline::core
