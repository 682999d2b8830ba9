#include "core/message_processor.hpp"

#include <charconv>
#include <functional>

#include "core/local_reply.hpp"
#include "core/local_requests.hpp"
#include "core/stateful_relay.hpp"
#include "core/next_hop.hpp"
#include "core/stateless_forward.hpp"
#include "transport/address_text.hpp"
#include "util/log.hpp"

namespace sipline::core {

using pipeline::MessageContext;
using transport::Endpoint;
using transport::Proto;

void MessageProcessor::handle(std::string_view bytes, const transport::ReceiveInfo &rx, bool overloaded) {
    if (message_in_use_) {
        // Not expected (sending never feeds back into handle), but safe: a fresh message.
        sip::Message nested;
        process(nested, bytes, rx, overloaded);
        return;
    }
    message_in_use_ = true;
    struct Release {
        bool &in_use;
        ~Release() { in_use = false; }
    } release{message_in_use_};
    process(message_, bytes, rx, overloaded);
}

void MessageProcessor::process(sip::Message &msg, std::string_view bytes, const transport::ReceiveInfo &rx,
                               bool overloaded) {
    const sip::ParseResult parsed = msg.parse(bytes, sip::ParseLimits{runtime_.max_message_bytes, 256});
    if (!parsed.ok) {
        CoreStats::bump(stats_.parse_errors);
        log::info("core", "dropped a malformed message from ", rx.source.str(), ": ", parsed.reason);
        return;
    }
    if (!msg.topVia()) {
        // Without a Via nobody can be answered and nothing can be routed back.
        CoreStats::bump(stats_.parse_errors);
        log::info("core", "dropped a message without a valid Via from ", rx.source.str());
        return;
    }
    if (overloaded && shed(msg, rx)) return;
    arena_->reset();
    MessageContext ctx{msg, rx, *arena_, this};
    if (msg.isRequest()) handleRequest(ctx);
    else handleReply(ctx);
}

bool MessageProcessor::shed(const sip::Message &msg, const transport::ReceiveInfo &rx) {
    // Replies, ACK, CANCEL and in-dialog requests finish work already accepted.
    if (!msg.isRequest()) return false;
    const std::string_view method = msg.method();
    const sip::NameAddr *to = msg.to();
    if (method == "ACK" || method == "CANCEL" || (to && to->tag && !to->tag->empty())) return false;
    CoreStats::bump(stats_.shed);
    if (!runtime_.overload.reply) return true;
    // A tag from the transaction's identity: a retransmission gets the same 503.
    const sip::Via &via = *msg.topVia();
    const size_t hash = std::hash<std::string_view>{}(via.branch.value_or("")) ^ (std::hash<std::string_view>{}(msg.callId()) << 1);
    char tag[17];
    const auto end = std::to_chars(tag, tag + 16, static_cast<unsigned long long>(hash), 16).ptr;
    sendToRequester(rx, &via, buildLocalReply(msg, 503, "Service Unavailable", {tag, size_t(end - tag)}, retry_after_header_));
    return true;
}

void MessageProcessor::handleRequest(MessageContext &ctx) {
    CoreStats::bump(stats_.requests_received);
    stats_.countRequest(ctx.msg.method());
    if (ctx.rx.connection_id) aliasConnection(ctx);
    if (runtime_.relay && runtime_.relay->absorb(ctx, *this)) return; // retransmission, ACK, CANCEL
    for (const auto &hook : runtime_.plugins->hooks(SIPLINE_STAGE_PRE_REQUEST))
        if (hook.decl->run(hook.instance, &ctx, &ctx) == SIPLINE_RC_STOP) return;
    const pipeline::Program &program = runtime_.currentProgram();
    if (const pipeline::Route *route = program.request()) program.run(*route, ctx);
}

void MessageProcessor::handleReply(MessageContext &ctx) {
    CoreStats::bump(stats_.replies_received);
    CoreStats::countReply(stats_.replies_received_by_class, ctx.msg.bytes());
    const sip::Via *top = ctx.msg.topVia();
    if (!isOurVia(*top, runtime_.listen)) {
        CoreStats::bump(stats_.dropped);
        log::info("core", "dropped a reply whose top Via is not ours (", top->host, ":", top->port_text,
                  ") from ", ctx.rx.source.str());
        return;
    }
    if (const auto *vias = ctx.msg.vias(); vias && vias->size() == 1) {
        // Only our Via: the answer to a request we originated for a plugin.
        if (!runtime_.local_requests || !runtime_.local_requests->onReply(ctx.msg)) CoreStats::bump(stats_.dropped);
        return;
    }
    // Plugins see every reply to a request we forwarded or relayed (dispatcher's call load).
    for (const auto &hook : runtime_.plugins->hooks(SIPLINE_STAGE_PRE_REPLY))
        if (hook.decl->run(hook.instance, &ctx, &ctx) == SIPLINE_RC_STOP) return;
    if (runtime_.relay && runtime_.relay->onReply(ctx, *this)) return;
    const pipeline::Program &program = runtime_.currentProgram();
    if (const pipeline::Route *route = program.reply()) {
        program.run(*route, ctx);
        if (ctx.dropped) return;
    }
    forwardReply(ctx);
}

void MessageProcessor::aliasConnection(const MessageContext &ctx) {
    // Replies routed back by Via go to the sent-by address; make it reach this connection.
    const sip::Via *top = ctx.msg.topVia();
    std::string_view host = top->host;
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    const auto address = transport::parseAddress(host);
    if (!address || *address != ctx.rx.source.address) return;
    const Endpoint sent_by{Proto::Tcp, *address, top->port ? top->port : uint16_t{5060}};
    if (sent_by != ctx.rx.source) runtime_.connections->alias(sent_by, ctx.rx.connection_id);
}

bool MessageProcessor::forward(MessageContext &ctx) {
    return ctx.msg.isRequest() ? forwardRequest(ctx) : forwardReply(ctx);
}

const Endpoint *MessageProcessor::localFor(Proto proto, const boost::asio::ip::address &to,
                                           const transport::ReceiveInfo &rx) const {
    if (rx.local.proto == proto && rx.local.address.is_v4() == to.is_v4()) return &rx.local;
    for (const auto &l : runtime_.listen)
        if (l.proto == proto && l.address.is_v4() == to.is_v4()) return &l;
    return nullptr;
}

bool MessageProcessor::forwardRequest(MessageContext &ctx) {
    const std::string_view target = ctx.dst_uri ? *ctx.dst_uri : ctx.currentRuri();
    std::string why;
    auto hop = nextHopForUri(target, &why);
    if (!hop) {
        ctx.last_error = SIPLINE_CORE_ERROR_BAD_URI;
        log::warning("core", "forward: ", why);
        return false;
    }
    auto address = runtime_.resolver->resolve(hop->host);
    if (!address) {
        ctx.last_error = SIPLINE_CORE_ERROR_BAD_ADDRESS;
        log::warning("core", "forward: cannot resolve '", hop->host, "'");
        return false;
    }
    const Endpoint to{hop->proto, *address, hop->port};
    const Endpoint *local = localFor(hop->proto, *address, ctx.rx);
    if (!local) {
        ctx.last_error = SIPLINE_CORE_ERROR_SEND;
        log::warning("core", "forward: no ", transport::protoName(hop->proto), " listen address to send to ", to.str());
        return false;
    }
    for (const auto &l : runtime_.listen)
        if (l == to) {
            ctx.last_error = SIPLINE_CORE_ERROR_SEND;
            log::warning("core", "forward: refusing to send ", ctx.msg.method(), " to ourselves (", to.str(), ")");
            return false;
        }
    const size_t own_edits = ctx.edits.size();
    editForwardedRequest(ctx, *local);
    ctx.edits.applyTo(ctx.msg.bytes(), out_);
    ctx.edits.truncate(own_edits);
    if (!send(hop->proto, *local, to, 0, out_)) {
        ctx.last_error = SIPLINE_CORE_ERROR_SEND;
        return false;
    }
    CoreStats::bump(stats_.requests_forwarded);
    return true;
}

bool MessageProcessor::forwardReply(MessageContext &ctx) {
    const std::vector<sip::Via> *vias = ctx.msg.vias();
    if (!vias || vias->size() < 2) {
        // A reply to a request we sent ourselves: nothing to forward.
        return false;
    }
    std::string why;
    auto hop = nextHopForVia((*vias)[1], &why);
    auto address = hop ? runtime_.resolver->resolve(hop->host) : std::nullopt;
    if (!address) {
        CoreStats::bump(stats_.dropped);
        log::info("core", "cannot route a reply back: ", hop ? "cannot resolve " + hop->host : why);
        return false;
    }
    const Endpoint to{hop->proto, *address, hop->port};
    const Endpoint *local = localFor(hop->proto, *address, ctx.rx);
    if (!local) {
        log::warning("core", "no ", transport::protoName(hop->proto), " listen address to send a reply to ", to.str());
        return false;
    }
    const size_t own_edits = ctx.edits.size();
    editForwardedReply(ctx);
    ctx.edits.applyTo(ctx.msg.bytes(), out_);
    ctx.edits.truncate(own_edits);
    if (!send(hop->proto, *local, to, 0, out_)) return false;
    CoreStats::bump(stats_.replies_forwarded);
    CoreStats::countReply(stats_.replies_sent_by_class, out_);
    return true;
}

bool MessageProcessor::sendReply(MessageContext &ctx, std::string_view bytes) {
    const bool sent = sendToRequester(ctx.rx, ctx.msg.topVia(), bytes);
    if (sent) CoreStats::bump(stats_.local_replies_sent);
    return sent;
}

bool MessageProcessor::sendToRequester(const transport::ReceiveInfo &rx, const sip::Via *top, std::string_view bytes) {
    // RFC 3261 18.2.2 as Kamailio does it: reliable transports answer on the same connection;
    // UDP answers the source address, at the source port when the Via asks for rport.
    Endpoint to = rx.source;
    if (to.proto == Proto::Udp && top && !top->rport) to.port = top->port ? top->port : 5060;
    if (!send(to.proto, rx.local, to, rx.connection_id, bytes)) return false;
    CoreStats::countReply(stats_.replies_sent_by_class, bytes);
    return true;
}

bool MessageProcessor::relay(MessageContext &ctx) {
    if (!runtime_.relay) return forward(ctx);
    return runtime_.relay->relay(ctx, *this);
}

std::unique_ptr<util::Arena> MessageProcessor::takeArena() {
    auto taken = std::move(arena_);
    arena_ = std::make_unique<util::Arena>();
    return taken;
}

bool MessageProcessor::send(Proto proto, const Endpoint &local, const Endpoint &to, uint64_t connection_id,
                            std::string_view bytes) {
    const bool sent = proto == Proto::Udp ? sender_.sendUdp(local, to, bytes)
                                          : sender_.sendTcp(connection_id, to, std::string{bytes});
    if (!sent) CoreStats::bump(stats_.send_errors);
    return sent;
}

}  // namespace sipline::core
