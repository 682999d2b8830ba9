// Character classes and trimming shared by the SIP parsers (RFC 3261 section 25.1).
// Private to daemon/src/sip: not part of the parser's public API.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace sipline::sip::chars {

constexpr bool isDigit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool isAlpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool isAlnum(char c) noexcept { return isDigit(c) || isAlpha(c); }
constexpr bool isHex(char c) noexcept {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// SP or HTAB: what starts a folded continuation line.
constexpr bool isWsp(char c) noexcept { return c == ' ' || c == '\t'; }

// Whitespace inside a header value: a fold leaves CR and LF between the parts of the value,
// so linear white space there is SP, HTAB, CR or LF.
constexpr bool isLws(char c) noexcept { return isWsp(c) || c == '\r' || c == '\n'; }

// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
constexpr bool isTokenCharByGrammar(char c) noexcept {
    if (isAlnum(c)) return true;
    switch (c) {
    case '-': case '.': case '!': case '%': case '*': case '_': case '+': case '`': case '\'':
    case '~':
        return true;
    default:
        return false;
    }
}

// One table lookup per character: every header name and parameter goes through it.
inline constexpr auto kTokenChars = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) table[size_t(c)] = isTokenCharByGrammar(static_cast<char>(c));
    return table;
}();

constexpr bool isTokenChar(char c) noexcept { return kTokenChars[static_cast<unsigned char>(c)]; }

// What splitting a comma list stops at: quotes, angle brackets and the comma itself.
inline constexpr auto kCommaListSpecial = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view{"\",<>"}) table[c] = true;
    return table;
}();

// What splitting a parameter list stops at: quotes, the separator and the '=' of a value.
inline constexpr auto kParamSpecial = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view{"\";="}) table[c] = true;
    return table;
}();

// gen-value characters outside quotes: token, and ':' '[' ']' of an IPv6 host.
inline constexpr auto kGenericValueChars = [] {
    std::array<bool, 256> table = kTokenChars;
    for (unsigned char c : std::string_view{":[]"}) table[c] = true;
    return table;
}();

constexpr bool isToken(std::string_view text) noexcept {
    if (text.empty()) return false;
    for (char c : text)
        if (!isTokenChar(c)) return false;
    return true;
}

constexpr bool isAllDigits(std::string_view text) noexcept {
    if (text.empty()) return false;
    for (char c : text)
        if (!isDigit(c)) return false;
    return true;
}

constexpr std::string_view trimLws(std::string_view text) noexcept {
    size_t begin = 0, end = text.size();
    while (begin < end && isLws(text[begin])) ++begin;
    while (end > begin && isLws(text[end - 1])) --end;
    return text.substr(begin, end - begin);
}

// The first / last SP or HTAB, npos when none. Plain loops: string_view::find_first_of
// calls memchr on the set for every character it passes.
constexpr size_t findFirstWsp(std::string_view text) noexcept {
    for (size_t i = 0; i < text.size(); ++i)
        if (isWsp(text[i])) return i;
    return std::string_view::npos;
}

constexpr size_t findLastWsp(std::string_view text) noexcept {
    for (size_t i = text.size(); i-- > 0;)
        if (isWsp(text[i])) return i;
    return std::string_view::npos;
}

constexpr size_t skipLws(std::string_view text, size_t pos) noexcept {
    while (pos < text.size() && isLws(text[pos])) ++pos;
    return pos;
}

// Given text[open] == '"', returns the index just past the closing quote, or npos when the
// string is unterminated. A backslash escapes the next character (quoted-pair).
constexpr size_t skipQuotedString(std::string_view text, size_t open) noexcept {
    for (size_t i = open + 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;  // the escaped character, whatever it is
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

}  // namespace sipline::sip::chars
