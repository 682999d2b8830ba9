#include "max_forwards.hpp"

namespace sipline::maxfwd {
namespace {

constexpr size_t kMaxDigits = 5; // Kamailio's str2s limit; more digits is a parse error

std::string_view trimmed(std::string_view text) noexcept {
    constexpr std::string_view kWhitespace = " \t\r\n";
    const auto first = text.find_first_not_of(kWhitespace);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(kWhitespace);
    return text.substr(first, last - first + 1);
}

bool inValueRange(int64_t value) noexcept { return value >= 0 && value <= kMaxValueLimit; }

ProcessOutcome returnOnly(int32_t rc) {
    return {.rc = rc, .edit = ProcessOutcome::Edit::None, .value = {}};
}

ProcessOutcome returnWithEdit(int32_t rc, ProcessOutcome::Edit edit, int64_t hops) {
    return {.rc = rc, .edit = edit, .value = std::to_string(hops)};
}

}  // namespace

std::optional<uint16_t> parseMaxForwards(std::string_view value) noexcept {
    const auto digits = trimmed(value);
    if (digits.size() > kMaxDigits) return std::nullopt;
    uint32_t number = 0; // 5 digits fit: at most 99999
    for (const char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + static_cast<uint32_t>(c - '0');
    }
    if (number > UINT16_MAX) return std::nullopt; // Kamailio wraps here; a wrapped hop count is a lie
    return static_cast<uint16_t>(number);
}

ProcessOutcome decideProcess(std::optional<std::string_view> received, int64_t max_value,
                             int64_t max_limit) {
    // Kamailio checks the argument first, so a bad one is -1 even without the header.
    if (!inValueRange(max_value)) return returnOnly(-1);
    if (!received) {
        // RFC 3261 16.6: a proxy adds the header when absent; Kamailio adds it undecremented.
        return returnWithEdit(2, ProcessOutcome::Edit::AddHeader, max_value);
    }
    const auto parsed = parseMaxForwards(*received);
    if (!parsed) return returnOnly(-2);
    int64_t hops = *parsed;
    if (hops == 0) return returnOnly(-1);
    // Above the limit counts as limit + 1, so the forwarded value is exactly max_limit.
    if (hops > max_limit) hops = max_limit + 1;
    return returnWithEdit(1, ProcessOutcome::Edit::SetValue, hops - 1);
}

int32_t decideIsLessThan(std::optional<std::string_view> received, int64_t max_value) noexcept {
    if (!inValueRange(max_value)) return -1;
    if (!received) return -2;
    const auto parsed = parseMaxForwards(*received);
    if (!parsed) return -3;
    return *parsed < max_value ? 1 : -1;
}

}  // namespace sipline::maxfwd
