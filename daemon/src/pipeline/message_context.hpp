// Everything one pipeline run knows about one message: the parsed message, where it came
// from, recorded edits, $du, $var()s, $retcode, flags and scratch memory. It is what plugins
// see as the opaque sipline_msg_t and sipline_run_t.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk/abi.h>
#include <sipline/sdk/host.h>

#include "pipeline/message_edits.hpp"
#include "pipeline/value.hpp"
#include "sip/message.hpp"
#include "transport/receive_info.hpp"
#include "util/arena.hpp"

// The ABI's opaque handles are empty tags the context derives from, so the host table can
// static_cast back with type safety.
struct sipline_msg {};
struct sipline_run {};

namespace sipline::pipeline {

class MessageContext;
struct Route;

// What the core does for the pipeline; implemented by the message processor.
class CoreActions {
public:
    virtual ~CoreActions() = default;
    // Stateless forwarding: a request to $du or the R-URI with our Via added; a reply to the
    // next Via after removing ours. False (with ctx.last_error set) when it could not be sent.
    virtual bool forward(MessageContext &ctx) = 0;
    // Send bytes as a reply to the request in ctx (RFC 3261 18.2.2).
    virtual bool sendReply(MessageContext &ctx, std::string_view bytes) = 0;
    // Stateful relay (Kamailio's t_relay): a transaction absorbs retransmissions, retransmits
    // downstream, and runs the armed failure route when the branches fail.
    virtual bool relay(MessageContext &) { return false; }
};

class MessageContext : public sipline_msg, public sipline_run {
public:
    MessageContext(const sip::Message &message, const transport::ReceiveInfo &received,
                   util::Arena &arena, CoreActions *core) noexcept
        : msg{message}, rx{received}, arena{arena}, core{core} {}

    const sip::Message &msg;
    const transport::ReceiveInfo &rx;
    util::Arena &arena;
    CoreActions *core;

    MessageEdits edits;
    int32_t retcode = 1;
    uint32_t flags = 0;                     // SIPLINE_MSG_*
    sipline_core_error last_error = SIPLINE_CORE_ERROR_NONE;
    std::optional<std::string_view> dst_uri; // $du (arena or config storage)
    std::vector<std::string_view> branches;  // appended for the next relay (arena)
    std::optional<std::string_view> new_ruri; // the R-URI after a rewrite ($ru assigned)
    std::vector<std::pair<std::string_view, Value>> vars; // $var(name); names are config storage
    bool dropped = false;                    // `drop` ran: a reply must not be forwarded
    int route_depth = 0;                     // guards against unbounded route:NAME recursion
    std::vector<std::pair<const void *, void *>> plugin_slots; // run_slot(): one per plugin
    std::string_view source_ip_text, local_ip_text; // $si, $Ri once formatted (arena)

    // Stateful relay. The transaction this run belongs to (a failure route's run), the failure
    // route armed for the next relay (Kamailio's t_on_failure), the best final reply code that
    // made it run ($T_reply_code), and per-transaction final-response timers (t_set_fr).
    void *transaction = nullptr;
    const Route *failure_route = nullptr;
    const Route *branch_reply_route = nullptr; // on_reply:NAME, for the replies of its branches
    int failure_reply_code = 0;
    std::optional<uint32_t> fr_timer_ms;
    std::optional<uint32_t> fr_inv_timer_ms;

    void **pluginSlot(const void *owner) {
        for (auto &[key, value] : plugin_slots)
            if (key == owner) return &value;
        return &plugin_slots.emplace_back(owner, nullptr).second;
    }

    std::string_view currentRuri() const noexcept {
        return new_ruri ? *new_ruri : msg.requestUriText();
    }

    static MessageContext &of(sipline_msg_t *m) noexcept { return *static_cast<MessageContext *>(m); }
    static const MessageContext &of(const sipline_msg_t *m) noexcept {
        return *static_cast<const MessageContext *>(m);
    }
    static MessageContext &of(sipline_run_t *r) noexcept { return *static_cast<MessageContext *>(r); }
    static const MessageContext &of(const sipline_run_t *r) noexcept {
        return *static_cast<const MessageContext *>(r);
    }
};

}  // namespace sipline::pipeline
