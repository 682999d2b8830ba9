#include "sanity_instance.hpp"

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "call_masks.hpp"
#include "check_input.hpp"
#include "header_parse_progress.hpp"
#include "message_fields.hpp"
#include "pending_reply.hpp"

namespace sipline::sanity {
namespace {

constexpr std::string_view kAck = "ACK";

// Kamailio never answers a reply or an ACK (RFC 3261 17.1.1.3): a failure only sets the result.
bool mayBeAnswered(const sdk::Message &msg) { return msg.isRequest() && msg.method() != kAck; }

MessageIdentity identityOf(const sdk::Message &msg) { return identify(msg.raw(), msg.bytes()); }

}  // namespace

SanityPlugin::SanityPlugin(sdk::Host host, std::string_view config_json)
    : PluginBase{host}, config_{sanityConfigFromJson(config_json)} {}

void SanityPlugin::start() {
    const sipline_host_t *raw = host().raw();
    const void *found = SIPLINE_HOST_HAS(raw, get_interface) ? raw->get_interface(raw, SIPLINE_IFACE_SL) : nullptr;
    const auto *api = static_cast<const sipline_sl_api_t *>(found);
    if (api == nullptr || api->struct_size < sizeof(sipline_sl_api_t) || api->reply == nullptr)
        throw std::runtime_error{"sanity replies through the sl plugin: add [plugins.sl] to the configuration"};
    sl_ = api;
}

void *SanityPlugin::prepareCheck(const sipline_value_t *args, uint32_t count) {
    return new CallMasks{callMasksFromArguments(args, count)};
}

void SanityPlugin::releaseCheck(void *, void *call_state) noexcept { delete static_cast<CallMasks *>(call_state); }

MessageFields SanityPlugin::fieldsOf(const sdk::Message &msg) {
    // The daemon has split the header fields already (ABI 1.1): reuse its split, the same as
    // ours for every message it delivers. Up to kOnStack fields need no allocation.
    constexpr uint32_t kOnStack = 64;
    sipline_header_field_t on_stack[kOnStack]; // plain C structs: nothing to initialise
    const auto count = msg.headerFields(on_stack, kOnStack);
    if (!count) return MessageFields{msg.bytes()};
    if (*count <= kOnStack) return MessageFields{msg.bytes(), std::span<const sipline_header_field_t>{on_stack, *count}};
    std::vector<sipline_header_field_t> on_heap(*count);
    msg.headerFields(on_heap.data(), *count);
    return MessageFields{msg.bytes(), on_heap};
}

SanityResult SanityPlugin::inspect(const sdk::Message &msg, uint32_t msg_checks, uint32_t uri_checks) {
    if (config_.noreply) forgetPendingReply();
    const MessageFields fields = fieldsOf(msg);
    const HeaderParseProgress progress{fields};
    const CheckInput input{
        .fields = fields,
        .progress = progress,
        .is_request = msg.isRequest(),
        .ruri = msg.requestUri(),
        .body = msg.body(),
        .uri_checks = uri_checks,
        .config = config_,
    };
    SanityResult result = runChecks(input, msg_checks);
    inspected_.fetch_add(1, std::memory_order_relaxed);
    if (!result.passed) {
        const auto order = checkOrder();
        for (size_t i = 0; i < order.size() && i < failures_.size(); ++i)
            if (order[i].name == result.failed_check) failures_[i].fetch_add(1, std::memory_order_relaxed);
        actOn(msg, result);
    }
    return result;
}

void SanityPlugin::actOn(const sdk::Message &msg, const SanityResult &result) {
    const CheckOutcome &outcome = result.outcome;
    if (outcome.code == 0) {
        host().debug(std::string{result.failed_check} + " failed" +
                     (outcome.forbid_replies ? " (no reply is possible)" : ""));
    } else {
        host().debug(std::string{result.failed_check} + " failed: " + std::to_string(outcome.code) +
                     " " + std::string{outcome.reason});
    }
    if (outcome.forbid_replies) msg.setFlags(SIPLINE_MSG_NO_REPLY);
    if (outcome.code == 0 || !mayBeAnswered(msg)) return;
    if (config_.noreply) {
        rememberPendingReply(identityOf(msg), {.code = outcome.code,
                                               .reason = std::string{outcome.reason},
                                               .extra_headers = outcome.extra_headers});
        return;
    }
    if (msg.flags() & SIPLINE_MSG_NO_REPLY) return;
    if (sendThroughSl(msg, outcome.code, outcome.reason, outcome.extra_headers) < 0)
        host().warning("failed to send " + std::to_string(outcome.code) + " through sl");
}

sipline_rc SanityPlugin::sendThroughSl(const sdk::Message &msg, int code, std::string_view reason,
                                       std::string_view extra_headers) {
    if (sl_ == nullptr) return SIPLINE_RC_FALSE;
    return sl_->reply(sl_->sl, msg.raw(), code, sdk::str(reason), sdk::str(extra_headers));
}

sipline_rc SanityPlugin::check(sdk::Call &call) {
    const auto *masks = static_cast<const CallMasks *>(call.state);
    const CallMasks defaults;
    const CallMasks &site = masks ? *masks : defaults;
    const auto msg_checks = resolveMask(site.msg_checks, call.has(0) ? &call.args[0] : nullptr, MaskKind::Message,
                                        config_.default_checks);
    const auto uri_checks =
        resolveMask(site.uri_checks, call.has(1) ? &call.args[1] : nullptr, MaskKind::Uri, config_.uri_checks);
    if (!msg_checks || !uri_checks) {
        host().error("sanity.check: msg_checks must be in 1..131071 and uri_checks in 1..15 (or check names)");
        return SIPLINE_RC_FALSE;
    }
    if (inspect(call.msg, *msg_checks, *uri_checks).passed) return SIPLINE_RC_TRUE;
    return config_.autodrop ? SIPLINE_RC_STOP : SIPLINE_RC_FALSE;
}

sipline_rc SanityPlugin::checkDefaults(sdk::Call &call) {
    return inspect(call.msg, config_.default_checks, config_.uri_checks).passed ? SIPLINE_RC_TRUE : SIPLINE_RC_FALSE;
}

sipline_rc SanityPlugin::reply(sdk::Call &call) {
    const sdk::Message &msg = call.msg;
    if (!config_.noreply || !mayBeAnswered(msg) || (msg.flags() & SIPLINE_MSG_NO_REPLY)) return SIPLINE_RC_TRUE;
    const auto pending = pendingReplyFor(identityOf(msg));
    const sipline_rc sent = pending ? sendThroughSl(msg, pending->code, pending->reason, pending->extra_headers)
                                    : sendThroughSl(msg, 500, "Server Sanity Failure", {});
    return sent < 0 ? SIPLINE_RC_FALSE : SIPLINE_RC_TRUE;
}

void SanityPlugin::writeMetrics(sdk::MetricsOut &out) {
    out.counter("inspected_total", "Messages sanity.check inspected", {}, inspected_.load(std::memory_order_relaxed));
    const auto order = checkOrder();
    for (size_t i = 0; i < order.size() && i < failures_.size(); ++i)
        out.counter("failures_total", "Messages that failed a check, by check", {{"check", order[i].name}},
                    failures_[i].load(std::memory_order_relaxed));
}

}  // namespace sipline::sanity
