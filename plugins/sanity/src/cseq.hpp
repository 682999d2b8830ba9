// CSeq values the way Kamailio's parse_cseq splits them: a number and a method, each a run of
// non-whitespace, separated by LWS. Validating the number is sanity's cseq_value check.
#pragma once

#include <optional>
#include <string_view>

namespace sipline::sanity {

struct CSeqValue {
    std::string_view number;
    std::string_view method;
};

// nullopt when there is no method after the number or anything follows the method.
std::optional<CSeqValue> parseCSeq(std::string_view value) noexcept;

}  // namespace sipline::sanity
