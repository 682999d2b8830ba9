// Runs the selected checks in Kamailio's fixed order (not bit order) and stops at the first
// failure, whose outcome decides the reply.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "check_input.hpp"

namespace sipline::sanity {

struct CheckStep {
    uint32_t bit;
    std::string_view name;
    CheckOutcome (*run)(const CheckInput &);
};

// Execution order: sizes, 1, 2, 4, 16384, 32768, 8, 16, 32, 64, 128, 256, 512, 1024, 2048,
// 8192, 4096.
std::span<const CheckStep> checkOrder() noexcept;

struct SanityResult {
    bool passed = true;
    std::string_view failed_check; // name of the check that failed
    CheckOutcome outcome;          // of the failed check
};

// msg_checks selects the checks; config.size_checks adds the sizes check to every run.
SanityResult runChecks(const CheckInput &in, uint32_t msg_checks);

}  // namespace sipline::sanity
