#include "host_port.hpp"

#include <array>

#include "sip_chars.hpp"

namespace sipline::sip {
namespace {

size_t scanIpv6Reference(std::string_view text, size_t open) noexcept {
    bool has_colon = false;
    for (size_t i = open + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ']') return (has_colon && i > open + 1) ? i + 1 : std::string_view::npos;
        if (c == ':') {
            has_colon = true;
        } else if (!chars::isHex(c) && c != '.') {
            return std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

// Hostnames, and IPv4 addresses which are a subset of them. '_' is not in RFC 3261's
// hostname but appears in deployed names, so it is accepted like other proxies do.
constexpr auto kHostnameChars = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) table[size_t(c)] = chars::isAlnum(char(c)) || c == '-' || c == '.' || c == '_';
    return table;
}();
constexpr bool isHostnameChar(char c) noexcept { return kHostnameChars[static_cast<unsigned char>(c)]; }

}  // namespace

size_t scanHost(std::string_view text, size_t pos) noexcept {
    if (pos >= text.size()) return std::string_view::npos;
    if (text[pos] == '[') return scanIpv6Reference(text, pos);
    if (!chars::isAlnum(text[pos]) && text[pos] != '_') return std::string_view::npos;
    size_t end = pos;
    while (end < text.size() && isHostnameChar(text[end])) ++end;
    return end;
}

std::optional<uint16_t> parsePort(std::string_view digits) noexcept {
    if (digits.empty() || digits.size() > 5) return std::nullopt;
    uint32_t value = 0;
    for (char c : digits) {
        if (!chars::isDigit(c)) return std::nullopt;
        value = value * 10 + static_cast<uint32_t>(c - '0');
    }
    if (value == 0 || value > 65535) return std::nullopt;
    return static_cast<uint16_t>(value);
}

}  // namespace sipline::sip
