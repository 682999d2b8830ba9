// Via header bodies (RFC 3261 20.42): "SIP/2.0/UDP host:port;branch=...;rport".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sipline::sip {

struct Via {
    std::string_view text;      // this via-parm, trimmed (one entry of a comma list)
    std::string_view protocol;  // "SIP"
    std::string_view version;   // "2.0"
    std::string_view transport; // "UDP", "TCP", ... as written
    std::string_view host;      // IPv6 keeps brackets
    std::string_view port_text; // empty when absent
    uint16_t port = 0;          // 0 when absent
    std::string_view params;    // raw text after the first ';', without it
    std::optional<std::string_view> branch;
    std::optional<std::string_view> received;
    std::optional<std::string_view> rport;   // present: "" when it has no value
    std::optional<std::string_view> maddr;

    std::optional<std::string_view> param(std::string_view name) const noexcept;
};

// Parses one via-parm. nullopt when malformed.
std::optional<Via> parseVia(std::string_view text) noexcept;

// Splits a Via header value into its comma-separated via-parms (quotes respected) and parses
// each; calls sink(const Via&) for each. Returns false on the first malformed entry.
template <class Sink> bool forEachVia(std::string_view value, Sink &&sink);

// Splits a header value at top-level commas (outside quotes and <...>), trimming each part.
// Calls sink(std::string_view part). Used for Via, Contact, Route, Proxy-Require...
template <class Sink> void splitCommaList(std::string_view value, Sink &&sink);

}  // namespace sipline::sip

#include "via_inline.hpp"
