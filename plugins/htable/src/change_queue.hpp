// The hand-over from workers to the replication thread: a bounded FIFO behind one short
// mutex, plus an eventfd the thread polls together with its Redis socket. Workers only append
// (and write the eventfd when the queue was empty); they never wait on the network. While
// Redis is down the queue is the backlog replayed on reconnect; past `capacity` changes are
// dropped and counted.
#pragma once

#include <atomic>
#include <cstddef>
#include <deque>
#include <mutex>

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

private:
    mutable std::mutex mutex_;
    std::deque<Change> changes_;
    size_t capacity_;
    int event_fd_ = -1;
    std::atomic<uint64_t> dropped_{0};
};

}  // namespace sipline::htable
