#include "content_length.hpp"

#include <limits>

#include "sip_chars.hpp"

namespace sipline::sip {

long long parseContentLength(std::string_view value) noexcept {
    const std::string_view digits = chars::trimLws(value);
    if (!chars::isAllDigits(digits)) return -1;
    constexpr long long kMax = std::numeric_limits<long long>::max();
    long long result = 0;
    for (char c : digits) {
        const int digit = c - '0';
        if (result > (kMax - digit) / 10) return kMax;
        result = result * 10 + digit;
    }
    return result;
}

}  // namespace sipline::sip
