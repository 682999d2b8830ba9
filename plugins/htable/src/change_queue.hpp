// The hand-over from workers to the replication thread: a bounded FIFO behind one short
// mutex, plus an eventfd the thread polls together with its Redis socket. Workers only append
// (and write the eventfd when the queue was empty); they never wait on the network. While
// Redis is down the queue is the backlog replayed on reconnect; past `capacity` changes are
// dropped and counted.
//
// It also keeps account of the increments (Add) whose result has not come back from Redis yet,
// queued or sent: when Redis publishes a counter's new value, this node may have counted more
// since, and the local copy must be that value plus those, not the value alone (which would
// take them back for a round trip, and cross a threshold late).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "change.hpp"

namespace sipline::htable {

class ChangeQueue final : public ChangeSink {
public:
    explicit ChangeQueue(size_t capacity);
    ~ChangeQueue() override;
    ChangeQueue(const ChangeQueue &) = delete;
    ChangeQueue &operator=(const ChangeQueue &) = delete;

    void push(Change &&change) noexcept override; // [worker]

    // [replication thread] Takes up to `max` changes, oldest first.
    std::deque<Change> take(size_t max);
    // [replication thread] Puts back, at the front and in order, changes that could not be sent.
    void putBack(std::deque<Change> &&changes);
    // The file descriptor that becomes readable when changes arrive (or wake() was called).
    int wakeFd() const noexcept { return event_fd_; }
    void wake() noexcept;
    void clearWake() noexcept;

    uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }
    size_t size() const;

    // The increments of `key` in `table` whose result is still to come.
    int64_t unsettled(uint32_t table, std::string_view key) const override;
    // [replication thread] Increment `id` is accounted for: its result came back, or Redis
    // refused or skipped it. An id already settled is ignored.
    void settle(uint64_t id);
    // [replication thread] Every increment of `table` up to `id` is in the snapshot just loaded.
    void settleThrough(uint32_t table, uint64_t id);

private:
    struct Unsettled {
        uint32_t table;
        std::string key;
        int64_t delta;
    };
    void settleLocked(std::map<uint64_t, Unsettled>::iterator it);

    mutable std::mutex mutex_;
    std::deque<Change> changes_;
    std::map<uint64_t, Unsettled> unsettled_;                      // by id
    struct Sum {
        int64_t delta = 0;
        uint32_t count = 0; // entries of unsettled_ in it: a sum of 0 may still be pending
    };
    std::map<std::pair<uint32_t, std::string>, Sum, std::less<>> unsettled_sums_; // by table and key
    uint64_t next_id_ = 1;
    size_t capacity_;
    int event_fd_ = -1;
    std::atomic<uint64_t> dropped_{0};
};

}  // namespace sipline::htable
