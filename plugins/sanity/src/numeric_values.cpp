#include "numeric_values.hpp"

#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

constexpr std::string_view kUintCeiling = "4294967296";
constexpr uint64_t kCSeqLimit = uint64_t{1} << 31;
constexpr uint64_t kContentLengthLimit = INT32_MAX;
constexpr size_t kMaxExpiresDigits = 10;

}  // namespace

bool isValidUintText(std::string_view text) noexcept {
    if (text.empty() || text.size() > kUintCeiling.size()) return false;
    bool equal_so_far = text.size() == kUintCeiling.size();
    for (size_t i = 0; i < text.size(); ++i) {
        if (!isDigit(text[i])) return false;
        if (equal_so_far) {
            if (text[i] < kUintCeiling[i]) equal_so_far = false;
            else if (text[i] > kUintCeiling[i]) return false;
        }
    }
    return true;
}

bool isValidCSeqNumber(std::string_view text) noexcept {
    if (!isValidUintText(text)) return false;
    uint64_t value = 0;
    for (const char c : text) value = value * 10 + static_cast<uint64_t>(c - '0');
    return value < kCSeqLimit;
}

std::optional<uint32_t> parseContentLength(std::string_view value) noexcept {
    const std::string_view digits = trimLws(value);
    if (digits.empty()) return std::nullopt;
    uint64_t number = 0;
    for (const char c : digits) {
        if (!isDigit(c)) return std::nullopt;
        number = number * 10 + static_cast<uint64_t>(c - '0');
        if (number > kContentLengthLimit) return std::nullopt;
    }
    return static_cast<uint32_t>(number);
}

std::optional<std::string_view> expiresText(std::string_view value) noexcept {
    const std::string_view text = trimLws(value);
    if (text.empty()) return std::nullopt;
    if (text.size() > kMaxExpiresDigits) return text;
    for (size_t i = 0; i < text.size(); ++i) {
        if (isDigit(text[i])) continue;
        if (isLws(text[i])) return text.substr(0, i);
        return text;
    }
    return text;
}

bool isParsableRetryAfter(std::string_view value) noexcept {
    const std::string_view text = trimLws(value);
    size_t digits = 0;
    while (digits < text.size() && isDigit(text[digits])) ++digits;
    if (digits == 0) return false;
    return digits == text.size() || isLws(text[digits]) || text[digits] == '(' || text[digits] == ';';
}

}  // namespace sipline::sanity
