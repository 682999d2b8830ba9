// Polls a condition until it holds or the time is up: for what another thread, process or
// node does asynchronously (replication, probing). The last look is after the deadline.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace sipline::test {

inline bool eventually(const std::function<bool()> &condition,
                       std::chrono::milliseconds limit = std::chrono::seconds{5}) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    return condition();
}

}  // namespace sipline::test
