#include "core/stateful_relay.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <cstdio>

#include "core/branch_requests.hpp"
#include "core/local_reply.hpp"
#include "core/message_processor.hpp"
#include "core/next_hop.hpp"
#include "core/resolver.hpp"
#include "core/stateless_forward.hpp"
#include "pipeline/program.hpp"
#include "util/log.hpp"

namespace sipline::core {
namespace {

using pipeline::MessageContext;
using std::chrono::milliseconds;
constexpr milliseconds kTick{10};
constexpr auto kNever = Clock::time_point::max();

bool isUdp(const transport::Endpoint &e) { return e.proto == transport::Proto::Udp; }

}  // namespace

std::string transactionKey(const sip::Message &request) {
    std::string_view method = request.method();
    if (method == "ACK" || method == "CANCEL") method = "INVITE"; // they find their INVITE
    const sip::Via *top = request.topVia();
    std::string key;
    if (top && top->branch && top->branch->rfind("z9hG4bK", 0) == 0) {
        // RFC 3261 17.2.3: branch, sent-by and method.
        key.append("3|").append(*top->branch).append("|").append(top->host).append(":").append(top->port_text);
    } else {
        // RFC 2543: Call-ID, CSeq number, From tag and the top Via as written.
        const sip::CSeq *cseq = request.cseq();
        const sip::NameAddr *from = request.from();
        key.append("2|").append(request.callId()).append("|").append(cseq ? cseq->number_text : "");
        key.append("|").append(from && from->tag ? *from->tag : "").append("|").append(top ? top->text : "");
    }
    key.append("|").append(method);
    return key;
}

StatefulRelay::StatefulRelay(const config::RelayConfig &config, util::TimerService &timers)
    : StatefulRelay{config, [] { return Clock::now(); }} {
    ticker_ = std::make_unique<util::OnDemandTimer>(timers, kTick, [this] { tick(); },
                                                    [this] { return table_.nothingScheduled(); });
}

StatefulRelay::StatefulRelay(const config::RelayConfig &config, Now now)
    : config_{config}, now_{std::move(now)}, table_{config.max_transactions}, random_{std::random_device{}()} {}

StatefulRelay::~StatefulRelay() {
    if (ticker_) ticker_->stop();
}

void StatefulRelay::setPost(Post post) {
    std::lock_guard lock{post_mutex_};
    post_ = std::move(post);
}

std::string StatefulRelay::randomHex() {
    std::lock_guard lock{random_mutex_};
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(random_()));
    return out;
}

// ---- Requests from upstream -------------------------------------------------------------------

bool StatefulRelay::absorb(MessageContext &ctx, MessageProcessor &processor) {
    if (table_.noneKeyed()) return false;
    const TransactionPtr t = table_.byKey(transactionKey(ctx.msg));
    if (!t) return false;
    std::lock_guard lock{t->mutex};
    const std::string_view method = ctx.msg.method();
    if (method == "ACK") {
        // The ACK for our negative final reply ends the INVITE server transaction (17.2.1);
        // the ACK for a 2xx is end-to-end and goes through the route like any request.
        if (!t->invite || t->upstream_code < 300) return false;
        t->acked = true;
        t->next_upstream_retransmit = kNever;
        t->expires = std::min(t->expires, now_() + milliseconds{config_.t4_ms}); // Timer I
        reschedule(t);
        return true;
    }
    if (method == "CANCEL") {
        processor.sendToRequester(ctx.rx, ctx.msg.topVia(), buildLocalReply(ctx.msg, 200, "OK", t->to_tag));
        if (!t->finished) {
            t->cancelled = true;
            cancelPending(*t, processor);
            complete(t, processor); // every branch may have ended now (none had rung: 487)
            reschedule(t);
        }
        return true;
    }
    // A retransmission: answer it with what the requester last got from us (17.2.1, 17.2.2).
    if (!t->last_upstream.empty()) processor.sendToRequester(t->rx, t->parsed.topVia(), t->last_upstream);
    return true;
}

bool StatefulRelay::relay(MessageContext &ctx, MessageProcessor &processor) {
    const sip::Message &msg = ctx.msg;
    if (!msg.isRequest()) return processor.forward(ctx);
    if (ctx.transaction) {
        // Relaying again from a failure route (or twice in a route): one more branch.
        auto &t = *static_cast<Transaction *>(ctx.transaction);
        std::lock_guard lock{t.mutex};
        if (!addBranch(t, ctx, processor)) return false;
        addAppendedBranches(t, ctx, processor);
        return true;
    }
    const std::string_view method = msg.method();
    if (method == "ACK" || method == "CANCEL") return processor.forward(ctx); // no transaction of their own

    // Not make_shared: the timer queue holds weak_ptrs, and with make_shared the object's memory
    // is freed only with the last of them, up to fr_inv_timer after the transaction ended.
    std::shared_ptr<Transaction> t{new Transaction()};
    t->id = randomHex();
    t->key = transactionKey(msg);
    t->invite = method == "INVITE";
    t->to_tag = randomHex();
    t->rx = ctx.rx;
    t->fr_timer = milliseconds{ctx.fr_timer_ms.value_or(config_.fr_timer_ms)};
    t->fr_inv_timer = milliseconds{ctx.fr_inv_timer_ms.value_or(config_.fr_inv_timer_ms)};
    t->failure_route = ctx.failure_route;
    t->reply_route = ctx.branch_reply_route;
    const size_t own_edits = ctx.edits.size();
    editRequestHeaders(ctx);
    ctx.edits.applyTo(msg.bytes(), t->request);
    ctx.edits.truncate(own_edits);
    if (!t->parsed.parse(t->request).ok) {
        ctx.last_error = SIPLINE_CORE_ERROR_BAD_REQUEST;
        return false;
    }

    std::lock_guard lock{t->mutex};
    if (!table_.insert(t)) {
        if (table_.byKey(t->key)) return true; // the original is being relayed right now
        log::warning("relay", "transaction table full (", config_.max_transactions, "): 503 to ", ctx.rx.source.str());
        processor.sendToRequester(ctx.rx, msg.topVia(),
                                  buildLocalReply(msg, 503, "Service Unavailable", t->to_tag, "Retry-After: 5\r\n"));
        ctx.flags |= SIPLINE_MSG_REPLIED;
        ctx.last_error = SIPLINE_CORE_ERROR_OUT_OF_MEMORY;
        return false;
    }
    // With a failure route armed, the run's scratch memory lives as long as the transaction:
    // plugins' per-message state in it is what the failure route finds (dispatcher's
    // destinations left to try). Without one nothing reads it again, so it stays for reuse.
    if (t->failure_route) {
        t->arena = processor.takeArena();
        t->plugin_slots = ctx.plugin_slots;
    }
    ctx.transaction = t.get();
    if (t->invite) sendLocalUpstream(*t, 100, "Trying", processor);
    if (!addBranch(*t, ctx, processor)) {
        table_.erase(*t);
        ctx.transaction = nullptr;
        return false;
    }
    addAppendedBranches(*t, ctx, processor);
    reschedule(t);
    return true;
}

void StatefulRelay::addAppendedBranches(Transaction &t, MessageContext &ctx, MessageProcessor &processor) {
    const auto appended = std::exchange(ctx.branches, {});
    for (const std::string_view uri : appended)
        if (!addBranch(t, ctx, processor, uri)) log::warning("relay", "could not add the branch to ", uri);
}

bool StatefulRelay::addBranch(Transaction &t, MessageContext &ctx, MessageProcessor &processor,
                              std::optional<std::string_view> target_override) {
    std::string base;
    if (&ctx.msg == &t.parsed) {
        // A failure route's edits apply to the new branch only.
        const size_t own_edits = ctx.edits.size();
        editRequestHeaders(ctx);
        ctx.edits.applyTo(t.parsed.bytes(), base);
        ctx.edits.truncate(own_edits);
    } else {
        base = t.request;
    }
    const std::string_view target = target_override ? *target_override
                                    : ctx.dst_uri   ? *ctx.dst_uri
                                                    : ctx.currentRuri();
    std::string why;
    auto hop = nextHopForUri(target, &why);
    if (!hop) {
        ctx.last_error = SIPLINE_CORE_ERROR_BAD_URI;
        log::warning("relay", why);
        return false;
    }
    auto address = processor.runtime().resolver->resolve(hop->host);
    if (!address) {
        ctx.last_error = SIPLINE_CORE_ERROR_BAD_ADDRESS;
        log::warning("relay", "cannot resolve '", hop->host, "'");
        return false;
    }
    const transport::Endpoint to{hop->proto, *address, hop->port};
    const transport::Endpoint *local = processor.localFor(hop->proto, *address, t.rx);
    const auto &listen = processor.runtime().listen;
    if (!local || std::find(listen.begin(), listen.end(), to) != listen.end()) {
        ctx.last_error = SIPLINE_CORE_ERROR_SEND;
        log::warning("relay", local ? "refusing to relay to ourselves (" : "no listen address to reach (", to.str(), ")");
        return false;
    }
    ClientBranch b;
    b.id = std::string{kBranchPrefix} + t.id + "." + std::to_string(t.branches.size());
    const size_t headers = base.find("\r\n") + 2;
    b.request.reserve(base.size() + 128);
    b.request.append(base, 0, headers).append(viaLine(*local, b.id)).append(base, headers);
    b.local = *local;
    b.to = to;
    if (!processor.send(to.proto, b.local, to, 0, b.request)) {
        ctx.last_error = SIPLINE_CORE_ERROR_SEND;
        return false;
    }
    const auto now = now_();
    b.deadline = now + t.fr_timer;
    if (isUdp(to)) {
        b.interval = milliseconds{config_.t1_ms}; // Timer A / E
        b.next_retransmit = now + b.interval;
    }
    t.branches.push_back(std::move(b));
    return true;
}

// ---- Replies from downstream ------------------------------------------------------------------

bool StatefulRelay::onReply(MessageContext &ctx, MessageProcessor &processor) {
    const sip::Via *top = ctx.msg.topVia();
    if (!top || !top->branch || top->branch->rfind(kBranchPrefix, 0) != 0) return false;
    const std::string_view rest = top->branch->substr(kBranchPrefix.size());
    const size_t dot = rest.find('.');
    size_t index = 0;
    if (dot == std::string_view::npos ||
        std::from_chars(rest.data() + dot + 1, rest.data() + rest.size(), index).ec != std::errc{})
        return true;
    const TransactionPtr t = table_.byId(rest.substr(0, dot));
    if (!t) return true; // a late reply to a finished transaction: nothing waits for it
    std::lock_guard lock{t->mutex};
    if (index >= t->branches.size()) return true;
    const sip::CSeq *cseq = ctx.msg.cseq();
    if (cseq && cseq->method == "CANCEL") return true; // the answer to our CANCEL: hop-by-hop
    ClientBranch &b = t->branches[index];
    const int code = ctx.msg.statusCode();
    const auto now = now_();
    const pipeline::Program &program = processor.runtime().currentProgram();
    // The reply route sees the transaction's plugin state (Kamailio's onreply_route sees its
    // XAVPs): dispatcher.mark there marks the branch's destination. Not copied back.
    if (ctx.plugin_slots.empty()) ctx.plugin_slots = t->plugin_slots;

    if (b.final && code < 200) {
        // A branch we ended before it rang (cancelled): now that it rings, CANCEL it (9.1).
        if (b.cancelled && !b.cancel_sent) sendCancel(b, processor);
        return true;
    }
    if (b.final) {
        // A retransmitted final reply: ACK a negative one again; let a 2xx through (16.7), also
        // a 2xx that raced our CANCEL: the caller then ACKs and hangs up.
        if (t->invite && code >= 300) {
            sip::Message sent;
            if (sent.parse(b.request).ok) processor.send(b.to.proto, b.local, b.to, 0, buildAck(sent, ctx.msg));
        } else if (t->invite && code < 300) {
            sendUpstream(*t, ctx.msg.bytes(), processor);
        }
        return true;
    }
    if (code < 200) {
        b.code = std::max(b.code, code);
        b.interval = milliseconds{config_.t2_ms};
        b.next_retransmit = t->invite || !isUdp(b.to) ? kNever : now + b.interval; // A stops; E at T2
        if (t->invite) b.deadline = now + t->fr_inv_timer;
        if (code > 100 && !t->finished) {
            runReplyRoutes(*t, ctx, program);
            if (!ctx.dropped) sendUpstream(*t, ctx.edits.apply(ctx.msg.bytes()), processor);
        }
        reschedule(t);
        return true;
    }
    b.final = true;
    b.code = code;
    b.next_retransmit = kNever;
    b.deadline = kNever;
    runReplyRoutes(*t, ctx, program);
    const std::string reply = ctx.edits.apply(ctx.msg.bytes());
    if (code < 300) {
        // 2xx: upstream at once, every one of them for an INVITE; the other branches are cancelled.
        if (!t->finished || t->invite) sendUpstream(*t, reply, processor);
        if (!t->finished) finish(*t, code);
        cancelPending(*t, processor);
    } else {
        b.reply = reply;
        if (t->invite) {
            sip::Message sent;
            if (sent.parse(b.request).ok) processor.send(b.to.proto, b.local, b.to, 0, buildAck(sent, ctx.msg));
        }
        complete(t, processor);
    }
    reschedule(t);
    return true;
}

void StatefulRelay::runReplyRoutes(const Transaction &t, MessageContext &ctx, const pipeline::Program &program) {
    if (const pipeline::Route *route = program.reply()) program.run(*route, ctx);
    if (t.reply_route && !ctx.dropped) program.run(*t.reply_route, ctx);
}

void StatefulRelay::complete(const TransactionPtr &t, MessageProcessor &processor) {
    if (t->finished) return;
    for (const auto &b : t->branches)
        if (!b.final) return;
    // RFC 3261 16.7 step 6: a 6xx if there is one, else the lowest class; within a class a real
    // reply beats our own timeout 408 (Kamailio's faked_reply_prio), then the lowest code.
    auto rank = [](const ClientBranch &b) {
        return std::make_tuple(b.code >= 600 ? 0 : 1, b.code / 100, b.reply.empty() ? 1 : 0, b.code);
    };
    const ClientBranch *best = nullptr;
    for (const auto &b : t->branches)
        if (!best || rank(b) < rank(*best)) best = &b;
    if (!best) return;
    const int code = best->code;
    const size_t chosen = static_cast<size_t>(best - t->branches.data());
    // After the requester's CANCEL nothing is tried any more (Kamailio scripts test
    // t_is_canceled() in the failure route for this).
    if (t->failure_route && !t->cancelled && runFailureRoute(t, code, processor)) return;
    best = &t->branches[chosen]; // the failure route may have grown the vector
    if (code == 503) sendLocalUpstream(*t, 500, "Service Unavailable Downstream", processor); // 16.7: not 503 upstream
    else if (best->reply.empty()) // no answer at all: our timeout, or cancelled before it rang
        sendLocalUpstream(*t, code, code == 487 ? "Request Terminated" : "Request Timeout", processor);
    else sendUpstream(*t, best->reply, processor);
    finish(*t, t->upstream_code);
}

bool StatefulRelay::runFailureRoute(const TransactionPtr &t, int code, MessageProcessor &processor) {
    const pipeline::Route *route = t->failure_route;
    t->failure_route = nullptr; // armed for one failure; the route may arm it again
    if (!t->arena) t->arena = std::make_unique<util::Arena>();
    MessageContext ctx{t->parsed, t->rx, *t->arena, &processor};
    ctx.transaction = t.get();
    ctx.plugin_slots = t->plugin_slots;
    ctx.failure_reply_code = code;
    processor.runtime().currentProgram().run(*route, ctx);
    t->plugin_slots = std::move(ctx.plugin_slots);
    t->failure_route = ctx.failure_route;
    if (ctx.branch_reply_route) t->reply_route = ctx.branch_reply_route;
    for (const auto &b : t->branches)
        if (!b.final) return true;
    return false;
}

void StatefulRelay::sendUpstream(Transaction &t, std::string_view reply_with_our_via, MessageProcessor &processor) {
    sip::Message reply;
    if (!reply.parse(reply_with_our_via).ok) return;
    pipeline::MessageEdits edits;
    removeTopVia(reply, edits);
    std::string out = edits.apply(reply_with_our_via);
    processor.sendToRequester(t.rx, t.parsed.topVia(), out);
    t.last_upstream = std::move(out);
    t.upstream_code = reply.statusCode();
}

void StatefulRelay::sendLocalUpstream(Transaction &t, int code, std::string_view reason, MessageProcessor &processor) {
    t.last_upstream = buildLocalReply(t.parsed, code, reason, t.to_tag);
    t.upstream_code = code;
    processor.sendToRequester(t.rx, t.parsed.topVia(), t.last_upstream);
}

void StatefulRelay::finish(Transaction &t, int code) {
    t.finished = true;
    const auto now = now_();
    if (t.invite && code >= 300) {
        // Timer G retransmits our negative final over UDP until the ACK; Timer H gives up.
        if (isUdp(t.rx.source)) {
            t.upstream_interval = milliseconds{config_.t1_ms};
            t.next_upstream_retransmit = now + t.upstream_interval;
        }
        t.give_up_ack = now + 64 * milliseconds{config_.t1_ms};
        t.expires = t.give_up_ack;
    } else {
        t.expires = now + milliseconds{config_.wait_timer_ms};
    }
}

void StatefulRelay::cancelPending(Transaction &t, MessageProcessor &processor) {
    if (!t.invite) return;
    const auto give_up = now_() + 64 * milliseconds{config_.t1_ms};
    for (auto &b : t.branches) {
        if (b.final || b.cancelled) continue;
        b.cancelled = true;
        if (b.code < 100) {
            // RFC 3261 9.1: no CANCEL before a provisional reply. The branch ends here as 487
            // (Kamailio's cancel_b_method 0); if it rings later, it gets its CANCEL then.
            b.final = true;
            b.code = 487;
            b.reply.clear();
            b.next_retransmit = kNever;
            b.deadline = kNever;
            continue;
        }
        sendCancel(b, processor);
        b.deadline = std::min(b.deadline, give_up); // the 487 should follow; never wait forever
    }
}

void StatefulRelay::sendCancel(ClientBranch &b, MessageProcessor &processor) {
    sip::Message sent;
    if (sent.parse(b.request).ok) processor.send(b.to.proto, b.local, b.to, 0, buildCancel(sent));
    b.cancel_sent = true;
}

// ---- Timers -----------------------------------------------------------------------------------

void StatefulRelay::tick() {
    auto due = table_.takeDue(now_());
    if (due.empty()) return;
    std::lock_guard lock{post_mutex_};
    if (!post_) return;
    for (auto &t : due) post_([this, t](MessageProcessor &processor) { onTimers(t, processor); });
}

void StatefulRelay::reschedule(const TransactionPtr &t) {
    table_.schedule(t, t->nextDue());
    if (ticker_) ticker_->arm();
}

void StatefulRelay::onTimers(const TransactionPtr &t, MessageProcessor &processor) {
    std::lock_guard lock{t->mutex};
    const auto now = now_();
    bool branch_ended = false;
    for (auto &b : t->branches) {
        if (b.final) continue;
        if (now >= b.deadline) {
            // fr_timer / fr_inv_timer: the branch is over with 408 (and cancelled if it rang).
            if (t->invite && b.code >= 100 && !b.cancel_sent) {
                b.cancelled = true;
                sendCancel(b, processor);
            }
            b.final = true;
            b.code = 408;
            b.reply.clear();
            b.next_retransmit = kNever;
            branch_ended = true;
            continue;
        }
        if (now >= b.next_retransmit) {
            processor.send(b.to.proto, b.local, b.to, 0, b.request);
            b.interval = t->invite ? b.interval * 2 : std::min(b.interval * 2, milliseconds{config_.t2_ms});
            b.next_retransmit = now + b.interval;
        }
    }
    if (branch_ended) complete(t, processor);
    if (t->finished) {
        if (!t->acked && now >= t->next_upstream_retransmit && now < t->give_up_ack) {
            processor.sendToRequester(t->rx, t->parsed.topVia(), t->last_upstream);
            t->upstream_interval = std::min(t->upstream_interval * 2, milliseconds{config_.t2_ms});
            t->next_upstream_retransmit = now + t->upstream_interval;
        }
        if (now >= t->give_up_ack) t->next_upstream_retransmit = t->give_up_ack = kNever;
        if (now >= t->expires) {
            table_.erase(*t);
            return;
        }
    }
    reschedule(t);
}

}  // namespace sipline::core
