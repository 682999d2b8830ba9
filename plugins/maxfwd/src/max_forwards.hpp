// Max-Forwards arithmetic (RFC 3261 8.1.1.6, 16.6 step 3) with Kamailio's maxfwd return codes.
// Pure functions of the received value: no message, no host, so every case is unit-testable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipline::maxfwd {

inline constexpr int64_t kMaxValueLimit = 255; // maxfwd's argument and max_limit range: 0..255

// Parses a Max-Forwards value as Kamailio does (a 16-bit unsigned parser after trimming):
// empty is 0, anything but digits or more than 5 digits is an error. Kamailio silently wraps
// 5-digit values above 65535 modulo 65536; we refuse them as errors instead.
std::optional<uint16_t> parseMaxForwards(std::string_view value) noexcept;

// What process() must do to the message, and what it returns.
struct ProcessOutcome {
    enum class Edit { None, AddHeader, SetValue };
    int32_t rc = 0;    // 2 added; 1 decremented; -1 zero reached or bad max_value; -2 unparsable
    Edit edit = Edit::None;
    std::string value; // the header value to add or write, for AddHeader and SetValue
};

// received: the value of the first Max-Forwards field, nullopt when the header is absent.
// max_value: the function argument (the value to insert when absent).
// max_limit: the plugin parameter; a larger received value is lowered to it.
ProcessOutcome decideProcess(std::optional<std::string_view> received, int64_t max_value,
                             int64_t max_limit);

// is_lt(): 1 received < max_value; -1 received >= max_value (or bad max_value); -2 absent;
// -3 unparsable.
int32_t decideIsLessThan(std::optional<std::string_view> received, int64_t max_value) noexcept;

}  // namespace sipline::maxfwd
