// required_headers (4): the transaction quadruple, a Via, headers that parse, no duplicates.
#include "checks.hpp"
#include "via.hpp"

namespace sipline::sanity {
namespace {

constexpr HeaderKind kQuadruple[] = {HeaderKind::From, HeaderKind::To, HeaderKind::CallId, HeaderKind::CSeq};

}  // namespace

CheckOutcome checkRequiredHeaders(const CheckInput &in) {
    // Kamailio's check_transaction_quadruple: without From, To, Call-ID and CSeq (or when a
    // broken field stops the parser before them) no reply can be built.
    const HeaderKindSet quadruple{HeaderKind::From, HeaderKind::To, HeaderKind::CallId, HeaderKind::CSeq};
    if (!in.progress.reaches(quadruple)) return CheckOutcome::forbidReplies();
    for (const HeaderKind kind : kQuadruple)
        if (in.progress.found(kind) == nullptr) return CheckOutcome::forbidReplies();

    const HeaderField *via = in.fields.first(HeaderKind::Via);
    if (via == nullptr || !in.progress.firstVia()) return CheckOutcome::silent();
    if (!in.progress.reachesEnd()) return CheckOutcome::reply(400, "Bad Headers");
    for (const HeaderKind kind : kQuadruple)
        if (in.fields.count(kind) > 1) return CheckOutcome::silent();
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
