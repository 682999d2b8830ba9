#include "latency.hpp"

#include <cmath>

namespace sipline::dispatcher {
namespace {
constexpr uint32_t kPlainMeanSamples = 10;
constexpr uint32_t kCountClamp = 1u << 21; // Kamailio stops growing the count here
}  // namespace

void LatencyStats::add(int rtt_ms, int alpha_per_mille) noexcept {
    if (count < kCountClamp) ++count;
    const double delta = rtt_ms - average;
    average += delta / count;
    m2 += delta * (rtt_ms - average);
    if (rtt_ms > max) max = rtt_ms;
    if (count <= kPlainMeanSamples) estimate = average;
    else estimate = estimate + (alpha_per_mille / 1000.0) * (rtt_ms - estimate);
}

double LatencyStats::stdev() const noexcept { return count > 1 ? std::sqrt(m2 / (count - 1)) : 0.0; }

int LatencyStats::congestionMs() const noexcept {
    const double congestion = estimate - average;
    return congestion > 0 ? static_cast<int>(congestion) : 0;
}

}  // namespace sipline::dispatcher
