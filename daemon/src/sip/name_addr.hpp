// From, To, Contact, Route bodies: [display-name] <uri> ;params, or a bare addr-spec.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "uri.hpp"

namespace sipline::sip {

struct NameAddr {
    std::string_view text;          // the whole value
    std::string_view display_name;  // without quotes; empty when absent
    std::string_view uri_text;      // between < and >, or the addr-spec
    std::string_view params;        // raw header params after the URI, without the first ';'
    std::optional<std::string_view> tag;
    uint32_t tag_count = 0;         // how many tag= params (sanity's duplicated tag check)
    bool is_star = false;           // Contact: *

    std::optional<std::string_view> param(std::string_view name) const noexcept;
    // The URI, parsed when asked (nullopt when uri_text does not parse): whether it parses
    // does not decide whether the name-addr does, and most readers want only the tag.
    std::optional<Uri> uri() const noexcept { return parseUri(uri_text); }
};

// nullopt when malformed (unbalanced quotes or <>, empty).
std::optional<NameAddr> parseNameAddr(std::string_view value) noexcept;

}  // namespace sipline::sip
