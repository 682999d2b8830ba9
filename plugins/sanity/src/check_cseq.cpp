// cseq_method (32) and cseq_value (64).
#include "checks.hpp"
#include "cseq.hpp"
#include "numeric_values.hpp"

namespace sipline::sanity {
namespace {

// The CSeq as Kamailio's parse_headers(HDR_CSEQ_F) leaves it: nullopt when that call fails.
struct CSeqLookup {
    bool parser_failed = false;
    std::optional<CSeqValue> value; // absent when the message has no CSeq
};

CSeqLookup lookUpCSeq(const CheckInput &in) {
    if (!in.progress.reaches({HeaderKind::CSeq})) return {.parser_failed = true, .value = std::nullopt};
    if (in.progress.found(HeaderKind::CSeq) == nullptr) return {};
    // The field found is the first CSeq, which the progress parsed already.
    const auto &value = in.progress.firstCSeq();
    if (!value) return {.parser_failed = true, .value = std::nullopt};
    return {.parser_failed = false, .value = value};
}

}  // namespace

CheckOutcome checkCSeqMethod(const CheckInput &in) {
    const CSeqLookup cseq = lookUpCSeq(in);
    if (cseq.parser_failed) return CheckOutcome::forbidReplies();
    if (!cseq.value) return CheckOutcome::silent();
    if (cseq.value->method.empty()) return CheckOutcome::reply(400, "Missing method in CSeq header");
    // Methods are case-sensitive (RFC 3261 7.1): a byte comparison, as Kamailio's memcmp.
    if (in.is_request && cseq.value->method != in.fields.startLine().method)
        return CheckOutcome::reply(400, "CSeq method does not match request method");
    return CheckOutcome::pass();
}

CheckOutcome checkCSeqValue(const CheckInput &in) {
    const CSeqLookup cseq = lookUpCSeq(in);
    if (cseq.parser_failed || !cseq.value) return CheckOutcome::forbidReplies();
    if (cseq.value->number.empty()) return CheckOutcome::reply(400, "Missing number in CSeq header");
    if (!isValidCSeqNumber(cseq.value->number)) return CheckOutcome::reply(400, "CSeq number is illegal");
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
