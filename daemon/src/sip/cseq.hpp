// CSeq: "1234 INVITE".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipline::sip {

struct CSeq {
    std::string_view number_text; // as written
    uint32_t number = 0;          // valid when number_text is digits and fits 32 bits
    bool number_valid = false;
    std::string_view method;
};

// nullopt when the value is not "<token> <token>" shaped. A number that is not a valid uint32
// still parses, with number_valid false, so sanity can tell "missing" from "illegal".
std::optional<CSeq> parseCSeq(std::string_view value) noexcept;

}  // namespace sipline::sip
