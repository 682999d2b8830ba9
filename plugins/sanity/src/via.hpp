// Via values (RFC 3261 20.42): sent-protocol, sent-by and via-params of each via-parm, with
// LWS wherever the grammar allows it (RFC 4475 wsinv folds a Via over three lines).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace sipline::sanity {

struct ViaParm {
    std::string_view protocol;  // "SIP"
    std::string_view version;   // "2.0"
    std::string_view transport; // "UDP"
    std::string_view host;
    std::string_view port;
    std::optional<std::string_view> branch; // the branch parameter's value ("" when valueless)
};

struct ViaValue {
    ViaParm first;          // the first via-parm of the field
    size_t parm_count = 0;  // via-parms in the field (a comma list)
};

// One Via field value; nullopt when any of its via-parms does not parse.
std::optional<ViaValue> parseVia(std::string_view value);

}  // namespace sipline::sanity
