// Character classes of the SIP grammar (RFC 3261 25.1) and small text helpers.
#pragma once

#include <cstddef>
#include <string_view>

namespace sipline::sanity {

constexpr bool isDigit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool isAlpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool isAlnum(char c) noexcept { return isDigit(c) || isAlpha(c); }
constexpr bool isHex(char c) noexcept {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr bool isWsp(char c) noexcept { return c == ' ' || c == '\t'; }
// Inside a framed header value CR and LF only appear as line folding, so they count as LWS.
constexpr bool isLws(char c) noexcept { return isWsp(c) || c == '\r' || c == '\n'; }

namespace detail {
// One bit per class and byte, built at compile time: a class test is one load, where a search
// of the punctuation list (string_view::find, memchr) ran for every character scanned.
enum : unsigned char { kToken = 1, kUnreserved = 2 };
constexpr auto kCharClasses = [] {
    struct Table {
        unsigned char bits[256]{};
    } table;
    for (int c = 0; c < 256; ++c) {
        const char ch = static_cast<char>(c);
        if (isAlnum(ch) || std::string_view{"-.!%*_+`'~"}.find(ch) != std::string_view::npos)
            table.bits[c] |= kToken;
        if (isAlnum(ch) || std::string_view{"-_.!~*'()"}.find(ch) != std::string_view::npos)
            table.bits[c] |= kUnreserved;
    }
    return table;
}();
}  // namespace detail

// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
constexpr bool isTokenChar(char c) noexcept {
    return detail::kCharClasses.bits[static_cast<unsigned char>(c)] & detail::kToken;
}
// unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
constexpr bool isUnreserved(char c) noexcept {
    return detail::kCharClasses.bits[static_cast<unsigned char>(c)] & detail::kUnreserved;
}

// A character class as a 256-entry table built at compile time from its definition: a test is
// one load, where the definition compares (or searches a punctuation list) per character.
struct CharTable {
    bool member[256]{};
    constexpr bool has(char c) const noexcept { return member[static_cast<unsigned char>(c)]; }
};

template <class Definition> constexpr CharTable charTable(Definition in_class) {
    CharTable table;
    for (int c = 0; c < 256; ++c) table.member[c] = in_class(static_cast<char>(c));
    return table;
}

constexpr char lowerAscii(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
    return true;
}

constexpr bool isToken(std::string_view text) noexcept {
    if (text.empty()) return false;
    for (const char c : text)
        if (!isTokenChar(c)) return false;
    return true;
}

constexpr std::string_view trimLws(std::string_view text) noexcept {
    while (!text.empty() && isLws(text.front())) text.remove_prefix(1);
    while (!text.empty() && isLws(text.back())) text.remove_suffix(1);
    return text;
}

}  // namespace sipline::sanity
