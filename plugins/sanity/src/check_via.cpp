// via1_header (16384), and via_sip_version (8) / via_protocol (16), which Kamailio disabled
// because its Via parser already refuses what they would test; kept as always-pass bits.
#include "checks.hpp"
#include "via.hpp"

namespace sipline::sanity {

CheckOutcome checkVia1Header(const CheckInput &in) {
    const HeaderField *via = in.fields.first(HeaderKind::Via);
    if (via == nullptr || !in.progress.reaches({HeaderKind::Via})) return CheckOutcome::forbidReplies();
    const auto &parsed = in.progress.firstVia();
    if (!parsed || parsed->first.host.empty()) return CheckOutcome::forbidReplies();
    // A reply is matched to its transaction by the branch (RFC 3261 17.2.3): without one,
    // nothing can answer this request reliably.
    if (!parsed->first.branch || parsed->first.branch->empty()) return CheckOutcome::forbidReplies();
    return CheckOutcome::pass();
}

CheckOutcome checkViaSipVersion(const CheckInput &) { return CheckOutcome::pass(); }

CheckOutcome checkViaProtocol(const CheckInput &) { return CheckOutcome::pass(); }

}  // namespace sipline::sanity
