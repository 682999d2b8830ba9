#include "core/branch_requests.hpp"

namespace sipline::core {
namespace {

// Request line, our Via only, and the headers CANCEL and ACK must repeat: Route, From,
// Call-ID, CSeq number with the new method, Max-Forwards.
std::string build(const sip::Message &invite, std::string_view method, std::string_view to_value) {
    std::string out;
    out.reserve(512);
    out.append(method).append(" ").append(invite.requestUriText()).append(" SIP/2.0\r\n");
    if (const sip::Via *top = invite.topVia()) out.append("Via: ").append(top->text).append("\r\n");
    out.append("Max-Forwards: 70\r\n");
    for (size_t i = 0; const sip::Header *route = invite.find(sip::HeaderType::Route, i); ++i)
        out.append("Route: ").append(route->value).append("\r\n");
    if (const sip::Header *from = invite.find(sip::HeaderType::From)) out.append("From: ").append(from->value).append("\r\n");
    out.append("To: ").append(to_value).append("\r\n");
    out.append("Call-ID: ").append(invite.callId()).append("\r\n");
    if (const sip::CSeq *cseq = invite.cseq()) out.append("CSeq: ").append(cseq->number_text).append(" ").append(method).append("\r\n");
    out.append("Content-Length: 0\r\n\r\n");
    return out;
}

std::string_view toValue(const sip::Message &m) {
    const sip::Header *to = m.find(sip::HeaderType::To);
    return to ? to->value : std::string_view{};
}

}  // namespace

std::string buildCancel(const sip::Message &branch_request) {
    return build(branch_request, "CANCEL", toValue(branch_request));
}

std::string buildAck(const sip::Message &branch_request, const sip::Message &reply) {
    return build(branch_request, "ACK", toValue(reply));
}

}  // namespace sipline::core
