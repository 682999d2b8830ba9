// Header names the core understands, with RFC 3261 compact forms.
#pragma once

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

// Case-insensitive ASCII comparison.
bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept;

}  // namespace sipline::sip
