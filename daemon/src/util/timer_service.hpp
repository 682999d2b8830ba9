// Repeating timers on one thread of their own, so plugin housekeeping (htable expiry,
// dispatcher probing) never runs on a worker.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace sipline::util {

class TimerService {
public:
    TimerService();
    ~TimerService();
    TimerService(const TimerService &) = delete;
    TimerService &operator=(const TimerService &) = delete;

    // Runs callback every interval until cancelled. Returns an id > 0.
    uint64_t start(std::chrono::milliseconds interval, std::function<void()> callback);
    // After it returns, the callback is not running and will not run again (unless called from
    // the callback itself, which cancels future runs only).
    void cancel(uint64_t id);
    void shutdown();

private:
    struct Timer {
        std::chrono::milliseconds interval;
        std::chrono::steady_clock::time_point due;
        std::function<void()> callback;
    };
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<uint64_t, Timer> timers_;
    uint64_t next_id_ = 1;
    uint64_t running_id_ = 0;
    std::thread::id thread_id_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace sipline::util
