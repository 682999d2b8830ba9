#include "util/on_demand_timer.hpp"

namespace sipline::util {

OnDemandTimer::OnDemandTimer(TimerService &timers, std::chrono::milliseconds interval, std::function<void()> work,
                             std::function<bool()> idle)
    : timers_{timers}, interval_{interval}, work_{std::move(work)}, idle_{std::move(idle)} {}

OnDemandTimer::~OnDemandTimer() { stop(); }

void OnDemandTimer::arm() {
    std::lock_guard lock{mutex_};
    if (id_ == 0 && !stopped_) id_ = timers_.start(interval_, [this] { run(); });
}

void OnDemandTimer::stop() {
    uint64_t id;
    {
        std::lock_guard lock{mutex_};
        stopped_ = true;
        id = id_;
        id_ = 0;
    }
    // Outside the lock: cancel() waits for a run in progress, which may be waiting for it.
    if (id) timers_.cancel(id);
}

bool OnDemandTimer::running() const {
    std::lock_guard lock{mutex_};
    return id_ != 0;
}

void OnDemandTimer::run() {
    work_();
    std::lock_guard lock{mutex_};
    if (id_ && idle_()) {
        timers_.cancel(id_); // from its own run: cancels the next runs, does not wait
        id_ = 0;
    }
}

}  // namespace sipline::util
