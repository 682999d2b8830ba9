// Smooth weighted round robin (nginx's): each pick adds every eligible weight to its counter,
// takes the largest counter and subtracts the total from it. Shares are exact for any number
// of destinations (Kamailio's 100-slot tables truncate: kamailio#2698) and picks interleave.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sipline::dispatcher {

inline constexpr size_t kNoPick = static_cast<size_t>(-1);

// weights[i] <= 0: not eligible. counters is the set's state for this algorithm (same size).
size_t smoothWeightedPick(std::vector<int64_t> &counters, const std::vector<int> &weights) noexcept;

}  // namespace sipline::dispatcher
