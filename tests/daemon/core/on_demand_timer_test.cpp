// The on-demand timer: it runs only while its owner has work queued, stops by itself when the
// work is done, and never leaves work queued without a run (arm() racing a run that stops).
#include "util/on_demand_timer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;
using sipline::util::OnDemandTimer;
using sipline::util::TimerService;

namespace {

// Work the timer drains: a counter of queued items behind a lock, as the relay's and the
// local requests' tables are.
struct Queue {
    std::mutex mutex;
    int queued = 0;
    std::atomic<int> done{0};
    std::atomic<int> runs{0};
    void add() {
        std::lock_guard lock{mutex};
        ++queued;
    }
    void drain() {
        runs.fetch_add(1);
        std::lock_guard lock{mutex};
        done.fetch_add(queued);
        queued = 0;
    }
    bool empty() {
        std::lock_guard lock{mutex};
        return queued == 0;
    }
};

template <class Predicate> bool eventually(Predicate p, std::chrono::milliseconds within = 2s) {
    const auto until = std::chrono::steady_clock::now() + within;
    while (!p()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

}  // namespace

TEST(OnDemandTimer, DoesNotRunUntilArmed) {
    TimerService timers;
    Queue queue;
    OnDemandTimer timer{timers, 1ms, [&] { queue.drain(); }, [&] { return queue.empty(); }};
    std::this_thread::sleep_for(30ms);
    EXPECT_EQ(queue.runs.load(), 0);
    EXPECT_FALSE(timer.running());
}

TEST(OnDemandTimer, RunsWhileWorkIsQueuedThenStops) {
    TimerService timers;
    Queue queue;
    OnDemandTimer timer{timers, 1ms, [&] { queue.drain(); }, [&] { return queue.empty(); }};
    queue.add();
    timer.arm();
    ASSERT_TRUE(eventually([&] { return queue.done.load() == 1 && !timer.running(); }));
    const int runs = queue.runs.load();
    std::this_thread::sleep_for(30ms);
    EXPECT_EQ(queue.runs.load(), runs) << "an idle timer must not keep waking";

    queue.add(); // armed again: it runs again
    timer.arm();
    EXPECT_TRUE(eventually([&] { return queue.done.load() == 2 && !timer.running(); }));
}

TEST(OnDemandTimer, WorkQueuedWhileARunStopsIsNeverStranded) {
    TimerService timers;
    Queue queue;
    OnDemandTimer timer{timers, 1ms, [&] { queue.drain(); }, [&] { return queue.empty(); }};
    constexpr int kItems = 2000;
    std::thread producer{[&] {
        for (int i = 0; i < kItems; ++i) {
            queue.add();
            timer.arm();
            if (i % 16 == 0) std::this_thread::sleep_for(100us); // let runs find the queue empty
        }
    }};
    producer.join();
    EXPECT_TRUE(eventually([&] { return queue.done.load() == kItems; }, 5s)) << queue.done.load() << " drained";
    EXPECT_TRUE(eventually([&] { return !timer.running(); }));
}

TEST(OnDemandTimer, StopWaitsForARunAndPreventsNewOnes) {
    TimerService timers;
    std::atomic<bool> in_run{false}, release{false};
    std::atomic<int> runs{0};
    OnDemandTimer timer{timers, 1ms,
                        [&] {
                            runs.fetch_add(1);
                            in_run = true;
                            while (!release) std::this_thread::sleep_for(1ms);
                        },
                        [] { return false; }};
    timer.arm();
    ASSERT_TRUE(eventually([&] { return in_run.load(); }));
    std::thread releaser{[&] {
        std::this_thread::sleep_for(20ms);
        release = true;
    }};
    timer.stop(); // returns only after the run in progress has ended
    EXPECT_TRUE(release.load());
    releaser.join();
    const int after_stop = runs.load();
    timer.arm(); // stopped for good
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(runs.load(), after_stop);
    EXPECT_FALSE(timer.running());
}
