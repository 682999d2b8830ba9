#include "util/timer_service.hpp"

namespace sipline::util {

TimerService::TimerService() : thread_{[this] { loop(); }} {}

TimerService::~TimerService() { shutdown(); }

void TimerService::shutdown() {
    {
        std::lock_guard lock{mutex_};
        if (stopping_) return;
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

uint64_t TimerService::start(std::chrono::milliseconds interval, std::function<void()> callback) {
    if (interval.count() <= 0) interval = std::chrono::milliseconds{1};
    std::lock_guard lock{mutex_};
    const uint64_t id = next_id_++;
    timers_.emplace(id, Timer{interval, std::chrono::steady_clock::now() + interval, std::move(callback)});
    wake_.notify_all();
    return id;
}

void TimerService::cancel(uint64_t id) {
    std::unique_lock lock{mutex_};
    timers_.erase(id);
    // Wait until a run of it in progress has finished, unless we are that run.
    if (std::this_thread::get_id() != thread_id_)
        wake_.wait(lock, [&] { return running_id_ != id; });
}

void TimerService::loop() {
    std::unique_lock lock{mutex_};
    thread_id_ = std::this_thread::get_id();
    while (!stopping_) {
        auto next = timers_.end();
        for (auto it = timers_.begin(); it != timers_.end(); ++it)
            if (next == timers_.end() || it->second.due < next->second.due) next = it;
        if (next == timers_.end()) {
            wake_.wait(lock);
            continue;
        }
        if (std::chrono::steady_clock::now() < next->second.due) {
            // A copy: wait_until reads its deadline again after waking, and cancel() may have
            // erased this timer (and its due) while the lock was released.
            const auto due = next->second.due;
            wake_.wait_until(lock, due);
            continue;
        }
        const uint64_t id = next->first;
        next->second.due += next->second.interval;
        if (next->second.due < std::chrono::steady_clock::now())
            next->second.due = std::chrono::steady_clock::now() + next->second.interval;
        auto callback = next->second.callback;
        running_id_ = id;
        lock.unlock();
        callback();
        lock.lock();
        running_id_ = 0;
        wake_.notify_all();
    }
}

}  // namespace sipline::util
