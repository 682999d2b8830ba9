// Keepalive round-trip statistics of one destination (ds_ping_latency_stats): online mean and
// standard deviation, an EWMA estimate (plain mean for the first 10 samples), max, timeouts.
#pragma once

#include <cstdint>

namespace sipline::dispatcher {

struct LatencyStats {
    double average = 0;
    double m2 = 0;        // Welford's sum of squared differences
    double estimate = 0;
    int max = 0;
    uint32_t count = 0;
    uint32_t timeouts = 0;

    // alpha_per_mille: ds_latency_estimator_alpha (100 = 0.1).
    void add(int rtt_ms, int alpha_per_mille) noexcept;
    double stdev() const noexcept;
    // Kamailio's congestion measure for cc=1: estimate above the average, never negative.
    int congestionMs() const noexcept;
};

}  // namespace sipline::dispatcher
