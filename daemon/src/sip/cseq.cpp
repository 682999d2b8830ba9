// CSeq = 1*DIGIT LWS Method (RFC 3261 20.16).
#include "cseq.hpp"

#include <limits>

#include "sip_chars.hpp"

namespace sipline::sip {
namespace {

// Digits only and within uint32; torture tests scalar02/scalarlg carry 20+ digit numbers.
std::optional<uint32_t> parseSequenceNumber(std::string_view digits) noexcept {
    if (!chars::isAllDigits(digits)) return std::nullopt;
    uint64_t value = 0;
    for (char c : digits) {
        value = value * 10 + static_cast<uint64_t>(c - '0');
        if (value > std::numeric_limits<uint32_t>::max()) return std::nullopt;
    }
    return static_cast<uint32_t>(value);
}

}  // namespace

std::optional<CSeq> parseCSeq(std::string_view value) noexcept {
    const std::string_view text = chars::trimLws(value);
    size_t number_end = 0;
    while (number_end < text.size() && !chars::isLws(text[number_end])) ++number_end;

    CSeq cseq;
    cseq.number_text = text.substr(0, number_end);
    cseq.method = chars::trimLws(text.substr(number_end));
    if (!chars::isToken(cseq.number_text) || !chars::isToken(cseq.method)) return std::nullopt;

    if (const auto number = parseSequenceNumber(cseq.number_text)) {
        cseq.number = *number;
        cseq.number_valid = true;
    }
    return cseq;
}

}  // namespace sipline::sip
