// Header names the core understands, with RFC 3261 compact forms.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sipline::sip {

enum class HeaderType : uint8_t {
    Other = 0,
    Via,                // v
    From,               // f
    To,                 // t
    CallId,             // i
    CSeq,
    ContentLength,      // l
    ContentType,        // c
    ContentEncoding,    // e
    MaxForwards,
    Contact,            // m
    Route,
    RecordRoute,
    Expires,
    ProxyRequire,
    Require,
    Supported,          // k
    Unsupported,
    Subject,            // s
    Authorization,
    ProxyAuthorization,
    UserAgent,
    Server,
    Allow,
    Event,              // o
    ReferTo,            // r
    Count_
};

// Case-insensitive; compact forms map to their full header ("v" -> Via).
HeaderType headerTypeOf(std::string_view name) noexcept;

// The canonical spelling, e.g. "Call-ID"; empty for Other.
std::string_view canonicalName(HeaderType type) noexcept;

namespace detail {
inline constexpr auto kLowerAscii = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) table[size_t(c)] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return table;
}();
}  // namespace detail

// Case-insensitive ASCII comparison. Inline and table-driven: header, parameter and scheme
// names of every message go through it, mostly a few characters long.
inline bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (detail::kLowerAscii[static_cast<unsigned char>(a[i])] != detail::kLowerAscii[static_cast<unsigned char>(b[i])])
            return false;
    return true;
}

}  // namespace sipline::sip
