// Core counters. Each worker owns one set (no sharing on the hot path); core.stats sums them.
#pragma once

#include <atomic>
#include <cstdint>

namespace sipline::core {

struct CoreStats {
    std::atomic<uint64_t> requests_received{0};
    std::atomic<uint64_t> replies_received{0};
    std::atomic<uint64_t> parse_errors{0};
    std::atomic<uint64_t> requests_forwarded{0};
    std::atomic<uint64_t> replies_forwarded{0};
    std::atomic<uint64_t> local_replies_sent{0};
    std::atomic<uint64_t> send_errors{0};
    std::atomic<uint64_t> dropped{0};

    static void bump(std::atomic<uint64_t> &counter) noexcept {
        counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
};

}  // namespace sipline::core
