// The parts of the top Via that identify a transaction for the stateless To-tag.
#pragma once

#include <optional>
#include <string_view>

namespace sipline::sl {

struct TopVia {
    std::string_view host;   // as written; IPv6 references keep their brackets
    std::string_view port;   // as written; empty when absent
    std::string_view branch; // empty when absent (RFC 2543 clients)
};

// Parses the first via-parm of a Via field value ("SIP/2.0/UDP host:port;branch=z9hG4bK...,
// SIP/2.0/TCP ..."). nullopt when it has no sent-protocol or no host.
std::optional<TopVia> parseTopVia(std::string_view via_field_value) noexcept;

}  // namespace sipline::sl
