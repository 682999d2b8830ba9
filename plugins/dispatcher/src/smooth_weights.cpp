#include "smooth_weights.hpp"

namespace sipline::dispatcher {

size_t smoothWeightedPick(std::vector<int64_t> &counters, const std::vector<int> &weights) noexcept {
    if (counters.size() != weights.size()) counters.assign(weights.size(), 0);
    int64_t total = 0;
    size_t best = kNoPick;
    for (size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] <= 0) continue;
        counters[i] += weights[i];
        total += weights[i];
        if (best == kNoPick || counters[i] > counters[best]) best = i;
    }
    if (best != kNoPick) counters[best] -= total;
    return best;
}

}  // namespace sipline::dispatcher
