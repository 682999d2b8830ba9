// A repeating timer that runs only while there is work for it. An idle daemon must not wake
// a hundred times a second to find nothing due: each wake-up costs a context switch, and under
// load that is CPU taken from the workers.
//
// The owner calls arm() after it has queued work (from any thread, holding none of the locks
// that `idle` takes). Each run calls `work`, then stops the timer if `idle` says nothing is
// left; arm() starts it again. Because `idle` is asked under the same lock as arm() checks,
// work queued while a run decides to stop is never left without a timer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>

#include "util/timer_service.hpp"

namespace sipline::util {

class OnDemandTimer {
public:
    OnDemandTimer(TimerService &timers, std::chrono::milliseconds interval, std::function<void()> work,
                  std::function<bool()> idle);
    ~OnDemandTimer();
    OnDemandTimer(const OnDemandTimer &) = delete;
    OnDemandTimer &operator=(const OnDemandTimer &) = delete;

    // Starts the timer unless it is running (or stopped for good).
    void arm();
    // Stops it for good: after it returns, no run is in progress and none will start.
    void stop();
    bool running() const;

private:
    void run();

    TimerService &timers_;
    const std::chrono::milliseconds interval_;
    const std::function<void()> work_;
    const std::function<bool()> idle_;
    mutable std::mutex mutex_;
    uint64_t id_ = 0;
    bool stopped_ = false;
};

}  // namespace sipline::util
