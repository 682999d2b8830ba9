// name-addr / addr-spec with header parameters (RFC 3261 20.10, 20.20, 20.39, 20.30, 20.34):
// the To and From values, and the comma-separated lists of Contact, Route, Record-Route,
// Path and P-Asserted-Identity. The URI is located, not parsed: uri.hpp does that.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace sipline::sanity {

struct NameAddr {
    std::string_view display_name; // as written, quotes kept; empty when none
    std::string_view uri;          // between '<' and '>', or the bare addr-spec
    bool bracketed = false;        // written as <uri>
    size_t tag_params = 0;         // how many "tag" header parameters follow
};

// One To or From value: exactly one name-addr or addr-spec, then ;params.
std::optional<NameAddr> parseNameAddr(std::string_view value);

// A comma-separated list of name-addr / addr-spec with params. nullopt when it does not parse.
std::optional<std::vector<NameAddr>> parseNameAddrList(std::string_view value);

// A Contact value: "*" or a list. star is set for "*" (and the list is then empty).
struct ContactValue {
    bool star = false;
    std::vector<NameAddr> contacts;
};
std::optional<ContactValue> parseContactValue(std::string_view value);

}  // namespace sipline::sanity
