#include "reply_builder.hpp"

#include "to_header.hpp"

namespace sipline::sl {
namespace {

constexpr std::string_view kCrlf = "\r\n";

void appendHeader(std::string &out, std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append(kCrlf);
}

void appendOptional(std::string &out, std::string_view name,
                    const std::optional<std::string_view> &value) {
    if (value) appendHeader(out, name, *value);
}

bool isSendable(const ReplyContent &content) noexcept {
    return content.code >= 100 && content.code <= 699 && !content.reason.empty() &&
           content.reason.find_first_of("\r\n") == std::string_view::npos;
}

}  // namespace

std::optional<std::string> buildReply(const ReplyRequest &request, const ReplyContent &content) {
    if (!isSendable(content) || request.vias.empty()) return std::nullopt;

    std::string out;
    out.reserve(512);
    out.append("SIP/2.0 ").append(std::to_string(content.code)).append(" ")
        .append(content.reason).append(kCrlf);
    for (const auto via : request.vias) appendHeader(out, "Via", via);
    // As Kamailio: Record-Route goes only into replies that may establish a dialog (RFC 3261
    // 12.1.1), which for a stateless reply means 18x and 2xx.
    if (content.code >= 180 && content.code < 300)
        for (const auto route : request.record_routes) appendHeader(out, "Record-Route", route);
    appendOptional(out, "From", request.from);
    if (request.to) {
        // Kamailio tags only code >= 180, while RFC 3261 8.2.6.2 wants a tag on everything but
        // 100; we follow Kamailio so our ACK matching and its replies stay comparable. A To that
        // already has a tag (a re-INVITE) keeps its own.
        const bool add_tag = content.code >= 180 && !content.to_tag.empty() &&
                             !toTagParameter(*request.to);
        out.append("To: ").append(*request.to);
        if (add_tag) out.append(";tag=").append(content.to_tag);
        out.append(kCrlf);
    }
    appendOptional(out, "Call-ID", request.call_id);
    appendOptional(out, "CSeq", request.cseq);
    if (content.code >= 300 && content.code < 400)
        for (const auto uri : content.contacts) out.append("Contact: <").append(uri).append(">\r\n");
    if (!content.extra_headers.empty()) {
        out.append(content.extra_headers);
        if (!content.extra_headers.ends_with(kCrlf)) out.append(kCrlf); // keep the framing sound
    }
    if (!content.server.empty()) appendHeader(out, "Server", content.server);
    out.append("Content-Length: 0\r\n\r\n");
    return out;
}

}  // namespace sipline::sl
