// The lock of one slot. Re-entrant per thread, as Kamailio's slot locks are re-entrant per
// process: a script that holds a slot with htable.lock can still read and write its keys.
// Unlocking a slot the thread does not hold is refused instead of being undefined.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>

namespace sipline::htable {

class SlotLock {
public:
    void lock() noexcept {
        const auto me = std::this_thread::get_id();
        if (owner_.load(std::memory_order_relaxed) == me) {
            ++depth_;
            return;
        }
        mutex_.lock();
        owner_.store(me, std::memory_order_relaxed);
        depth_ = 1;
    }

    bool try_lock() noexcept {
        const auto me = std::this_thread::get_id();
        if (owner_.load(std::memory_order_relaxed) == me) {
            ++depth_;
            return true;
        }
        if (!mutex_.try_lock()) return false;
        owner_.store(me, std::memory_order_relaxed);
        depth_ = 1;
        return true;
    }

    // False (and nothing done) when this thread does not hold the lock.
    bool unlock() noexcept {
        if (owner_.load(std::memory_order_relaxed) != std::this_thread::get_id()) return false;
        if (--depth_ > 0) return true;
        owner_.store(std::thread::id{}, std::memory_order_relaxed);
        mutex_.unlock();
        return true;
    }

private:
    std::mutex mutex_;
    // Only the owner writes its own id, so a thread comparing with its own id reads either
    // its id (it owns the lock) or something else (it does not): relaxed is enough.
    std::atomic<std::thread::id> owner_{};
    int depth_ = 0;
};

// std::lock_guard for SlotLock (whose unlock returns a value).
class SlotGuard {
public:
    explicit SlotGuard(SlotLock &lock) noexcept : lock_{lock} { lock_.lock(); }
    ~SlotGuard() { lock_.unlock(); }
    SlotGuard(const SlotGuard &) = delete;
    SlotGuard &operator=(const SlotGuard &) = delete;

private:
    SlotLock &lock_;
};

}  // namespace sipline::htable
