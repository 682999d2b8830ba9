#include "core/local_reply.hpp"

namespace sipline::core {

std::string buildLocalReply(const sip::Message &request, int code, std::string_view reason,
                            std::string_view to_tag, std::string_view extra) {
    std::string out;
    out.reserve(512);
    out.append("SIP/2.0 ").append(std::to_string(code)).append(" ").append(reason).append("\r\n");
    for (size_t i = 0; const sip::Header *via = request.find(sip::HeaderType::Via, i); ++i)
        out.append("Via: ").append(via->value).append("\r\n");
    if (const sip::Header *from = request.find(sip::HeaderType::From)) out.append("From: ").append(from->value).append("\r\n");
    if (const sip::Header *to = request.find(sip::HeaderType::To)) {
        out.append("To: ").append(to->value);
        const sip::NameAddr *parsed = request.to();
        if (code > 100 && !to_tag.empty() && parsed && !parsed->tag) out.append(";tag=").append(to_tag);
        out.append("\r\n");
    }
    out.append("Call-ID: ").append(request.callId()).append("\r\n");
    if (const sip::Header *cseq = request.find(sip::HeaderType::CSeq)) out.append("CSeq: ").append(cseq->value).append("\r\n");
    out.append(extra);
    out.append("Server: sipline\r\nContent-Length: 0\r\n\r\n");
    return out;
}

}  // namespace sipline::core
