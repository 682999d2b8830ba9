#include "core/stateless_forward.hpp"

#include <charconv>

#include "sip/header_type.hpp"
#include "transport/address_text.hpp"

namespace sipline::core {
namespace {

constexpr std::string_view kMagicCookie = "z9hG4bK";

struct Fnv64 {
    uint64_t h = 1469598103934665603ull;
    Fnv64 &add(std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff; // separator, so ("ab","c") differs from ("a","bc")
        h *= 1099511628211ull;
        return *this;
    }
};

size_t offsetIn(const sip::Message &msg, std::string_view part) {
    return static_cast<size_t>(part.data() - msg.bytes().data());
}

// The position right after the "rport" token of a Via's params when it has no value.
std::optional<size_t> bareRportEnd(const sip::Message &msg, const sip::Via &via) {
    std::string_view params = via.params;
    size_t i = 0;
    while (i <= params.size()) {
        size_t end = params.find(';', i);
        if (end == std::string_view::npos) end = params.size();
        std::string_view param = params.substr(i, end - i);
        while (!param.empty() && (param.back() == ' ' || param.back() == '\t')) param.remove_suffix(1);
        while (!param.empty() && (param.front() == ' ' || param.front() == '\t')) param.remove_prefix(1);
        if (sip::equalsIgnoreCase(param, "rport")) return offsetIn(msg, param) + param.size();
        if (end == params.size()) break;
        i = end + 1;
    }
    return std::nullopt;
}

}  // namespace

BranchText statelessBranch(const sip::Message &msg, std::string_view ruri) {
    Fnv64 hash;
    const sip::Via *top = msg.topVia();
    if (top && top->branch && top->branch->substr(0, kMagicCookie.size()) == kMagicCookie) {
        hash.add(*top->branch).add(top->host).add(top->port_text);
    } else {
        // RFC 2543 peers: the transaction is identified by these (RFC 3261 17.2.3).
        const sip::CSeq *cseq = msg.cseq();
        const sip::NameAddr *from = msg.from();
        const sip::NameAddr *to = msg.to();
        hash.add(msg.callId()).add(cseq ? cseq->number_text : "").add(from && from->tag ? *from->tag : "")
            .add(to && to->tag ? *to->tag : "").add(ruri).add(top ? top->text : "");
    }
    // "z9hG4bKsl" and 16 hex digits, without snprintf (every forwarded request builds one).
    constexpr std::string_view kHex = "0123456789abcdef";
    char digits[16];
    for (uint64_t h = hash.h, i = 16; i-- > 0; h >>= 4) digits[i] = kHex[h & 0xf];
    BranchText branch{"z9hG4bKsl"};
    branch.append({digits, sizeof digits});
    return branch;
}

ViaLineText viaLine(const transport::Endpoint &local, std::string_view branch) {
    char port[8];
    const std::string_view port_text{port, size_t(std::to_chars(port, port + sizeof port, local.port).ptr - port)};
    ViaLineText via{"Via: SIP/2.0/"};
    via.append(transport::protoViaName(local.proto)).append(" ");
    transport::appendHostText(via, local.address);
    via.append(":").append(port_text).append(";branch=").append(branch).append("\r\n");
    return via;
}

void editForwardedRequest(pipeline::MessageContext &ctx, const transport::Endpoint &local) {
    editRequestHeaders(ctx);
    ctx.edits.insert(ctx.msg.headersBegin(), viaLine(local, statelessBranch(ctx.msg, ctx.currentRuri())), 0);
}

void editRequestHeaders(pipeline::MessageContext &ctx) {
    const sip::Message &msg = ctx.msg;
    if (ctx.new_ruri) {
        const size_t begin = offsetIn(msg, msg.requestUriText());
        ctx.edits.replace(begin, begin + msg.requestUriText().size(), *ctx.new_ruri);
    }
    if (const sip::Via *top = msg.topVia()) {
        // RFC 3261 18.2.1 and RFC 3581: tell the next hops where the request really came from.
        const transport::AddressText source_text{ctx.rx.source.address};
        const std::string_view source = source_text.view();
        const size_t via_end = offsetIn(msg, top->text) + top->text.size();
        std::string_view host = top->host;
        if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
        // A bare rport may end the Via too: its value must land before ";received" (order 1 < 2).
        if (top->rport && top->rport->empty())
            if (auto at = bareRportEnd(msg, *top)) ctx.edits.insert(*at, "=" + std::to_string(ctx.rx.source.port), 1);
        if (host != source && !top->received) {
            util::FixedText<64> received{";received="};
            ctx.edits.insert(via_end, received.append(source), 2);
        }
    }
}

bool isOurVia(const sip::Via &via, const std::vector<transport::Endpoint> &listen) {
    // The Via's host is read once and compared as an address: no listen address is turned
    // into text for every reply, and an IPv6 address matches however it is spelled.
    std::string_view host = via.host;
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    const auto address = transport::parseAddress(host);
    if (!address) return false; // a host name: we write our listen addresses into our Vias
    const uint16_t port = via.port ? via.port : 5060;
    for (const auto &l : listen)
        if (l.port == port && l.address == *address) return true;
    return false;
}

void editForwardedReply(pipeline::MessageContext &ctx) { removeTopVia(ctx.msg, ctx.edits); }

void removeTopVia(const sip::Message &msg, pipeline::MessageEdits &edits) {
    const sip::Header *field = msg.find(sip::HeaderType::Via);
    const sip::Via *top = msg.topVia();
    if (!field || !top) return;
    // The top via-parm alone when its field holds more ("Via: a, b"), else the whole field:
    // more follow when anything but white space comes after the top one in the field.
    const size_t top_end = offsetIn(msg, top->text) + top->text.size();
    const size_t value_end = offsetIn(msg, field->value) + field->value.size();
    bool more = false;
    for (size_t i = top_end; i < value_end && !more; ++i) {
        const char c = msg.bytes()[i];
        more = c != ' ' && c != '\t' && c != '\r' && c != '\n';
    }
    if (!more) {
        const size_t begin = offsetIn(msg, field->field);
        edits.replace(begin, begin + field->field.size(), "");
        return;
    }
    const size_t begin = offsetIn(msg, field->value);
    size_t end = offsetIn(msg, top->text) + top->text.size();
    const std::string_view bytes = msg.bytes();
    while (end < bytes.size() && (bytes[end] == ' ' || bytes[end] == '\t' || bytes[end] == ',' ||
                                  bytes[end] == '\r' || bytes[end] == '\n'))
        ++end;
    edits.replace(begin, end, "");
}

}  // namespace sipline::core
