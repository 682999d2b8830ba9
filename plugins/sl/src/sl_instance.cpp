#include "sl_instance.hpp"

#include <charconv>
#include <optional>

#include "error_reply.hpp"
#include "request_fields.hpp"
#include "to_header.hpp"
#include "to_tag.hpp"

namespace sipline::sl {
namespace {

constexpr std::string_view kAck = "ACK"; // methods are case-sensitive (RFC 3261 7.1)

bool isRedirect(int64_t code) noexcept { return code >= 300 && code < 400; }

// Arguments may hold $variables and arrive evaluated, possibly as the other type.
std::optional<int64_t> codeArgument(const sdk::Call &call) noexcept {
    if (!call.has(0)) return std::nullopt;
    const sipline_value_t &arg = call.args[0];
    if (arg.type == SIPLINE_VALUE_INT) return arg.integer;
    if (arg.type != SIPLINE_VALUE_STR) return std::nullopt;
    const std::string_view text = sdk::view(arg.str);
    int64_t code = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), code);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return code;
}

std::optional<std::string> reasonArgument(const sdk::Call &call) {
    if (!call.has(1)) return std::nullopt;
    const sipline_value_t &arg = call.args[1];
    if (arg.type == SIPLINE_VALUE_STR) return std::string{sdk::view(arg.str)};
    if (arg.type == SIPLINE_VALUE_INT) return std::to_string(arg.integer);
    return std::nullopt;
}

// The interface's entry: a C function, so nothing may escape it.
sipline_rc interfaceReply(void *sl, sipline_msg_t *msg, int32_t code, sipline_str_t reason,
                          sipline_str_t extra_headers) noexcept {
    auto *self = static_cast<SlPlugin *>(sl);
    try {
        return self->reply(sdk::Message{self->host().raw(), msg}, code, sdk::view(reason),
                           sdk::view(extra_headers));
    } catch (const std::exception &e) {
        self->host().error(std::string{"sl reply for another plugin failed: "} + e.what());
        return SIPLINE_RC_FALSE;
    } catch (...) {
        return SIPLINE_RC_FALSE;
    }
}

}  // namespace

SlPlugin::SlPlugin(sdk::Host host, std::string_view config_json)
    : PluginBase{host},
      config_{slConfigFromJson(config_json)},
      signature_{instanceSignature("", 0)}, // replaced in start(), once addresses are known
      api_{.struct_size = sizeof(sipline_sl_api_t), .sl = this, .reply = interfaceReply} {}

void SlPlugin::start() {
    const sipline_host_t *raw = host().raw();
    sipline_endpoint_t first{};
    first.struct_size = sizeof(first);
    if (SIPLINE_HOST_HAS(raw, listen_address) && raw->listen_address(raw, 0, &first) > 0) {
        first.address[sizeof(first.address) - 1] = '\0';
        signature_ = instanceSignature(first.address, first.port);
    } else {
        host().warning("sl: no listen address; the To-tag signature does not identify this host");
    }
}

std::string SlPlugin::toTagFor(const sdk::Message &msg) const {
    const TransactionIdentity identity = readTransactionIdentity(msg);
    return statelessToTag(signature_, identity.top_via, identity.call_id);
}

sipline_rc SlPlugin::reply(const sdk::Message &msg, int64_t code, std::string_view reason,
                           std::string_view extra_headers) {
    if (msg.flags() & SIPLINE_MSG_NO_REPLY) return -2; // not a failure: someone forbade it
    if (!msg.isRequest() || msg.method() == kAck) {
        stats_.countFailure(); // nobody replies to an ACK (RFC 3261 17.1.1.3)
        return -1;
    }

    const ReplyRequest request = readReplyRequest(msg);
    std::vector<std::string_view> contacts;
    if (isRedirect(code))
        for (uint32_t i = 0; const auto uri = msg.destination(i); ++i) contacts.push_back(*uri);
    std::string to_tag;
    if (code >= 180) {
        // The fields were just read for the reply: hash them instead of looking them up again.
        const auto identity = transactionIdentityOf(request.vias.empty() ? std::string_view{} : request.vias.front(),
                                                    request.call_id.value_or(""));
        to_tag = statelessToTag(signature_, identity.top_via, identity.call_id);
    }
    const ReplyContent content{
        .code = code >= 100 && code <= 699 ? static_cast<int>(code) : 0, // 0: refused below
        .reason = reason,
        .to_tag = to_tag,
        .contacts = std::move(contacts),
        .extra_headers = extra_headers,
        .server = config_.server_header,
    };

    const auto bytes = buildReply(request, content);
    if (!bytes) {
        stats_.countFailure();
        host().error("sl: cannot build a " + std::to_string(code) +
                     " reply (code outside 100..699, empty reason or reason with CR/LF, or "
                     "no Via)");
        return -1;
    }
    if (!msg.sendReply(*bytes)) {
        stats_.countFailure();
        return -1;
    }
    stats_.countSent(content.code);
    if (code >= 200) msg.setFlags(SIPLINE_MSG_REPLIED);
    return 1;
}

sipline_rc SlPlugin::sendReply(sdk::Call &call) {
    const int64_t code = codeArgument(call).value_or(config_.default_code);
    const std::string reason = reasonArgument(call).value_or(config_.default_reason);
    return reply(call.msg, code, reason, {});
}

sipline_rc SlPlugin::replyError(sdk::Call &call) {
    if (call.msg.flags() & (SIPLINE_MSG_NO_REPLY | SIPLINE_MSG_REPLIED)) return -2;
    const sipline_host_t *raw = host().raw();
    const sipline_core_error error = SIPLINE_HOST_HAS(raw, run_last_error)
                                         ? raw->run_last_error(call.run)
                                         : SIPLINE_CORE_ERROR_UNSPECIFIED;
    const ErrorReply mapped = errorReplyFor(error);
    return reply(call.msg, mapped.code, mapped.reason, {});
}

sipline_rc SlPlugin::absorbAck(sdk::Message msg, sipline_run_t *) {
    if (msg.method() != kAck) return SIPLINE_RC_TRUE;
    const auto to = msg.header("To");
    const auto tag = to ? toTagParameter(*to) : std::nullopt;
    // Cheap checks first: most ACKs carry a tag of someone else's (2xx ACKs, stateful replies).
    if (!tag || tag->size() != kToTagLength || !tag->starts_with(signature_))
        return SIPLINE_RC_TRUE;
    if (*tag != toTagFor(msg)) return SIPLINE_RC_TRUE;
    stats_.countAbsorbedAck();
    return SIPLINE_RC_STOP;
}

void SlPlugin::stats(sdk::RpcCall &call) { call.result(stats_.toJson()); }

void SlPlugin::writeMetrics(sdk::MetricsOut &out) {
    for (size_t i = 0; i < kReplyBucketCount; ++i) {
        const auto bucket = static_cast<ReplyBucket>(i);
        out.counter("replies_sent_total", "Stateless replies sent, by code (Kamailio's sl statistics)",
                    {{"code", bucketName(bucket)}}, static_cast<double>(stats_.sent(bucket)));
    }
    out.counter("send_failures_total", "Stateless replies that could not be sent", {},
                static_cast<double>(stats_.failures()));
    out.counter("acks_absorbed_total", "ACKs to our own replies, absorbed", {}, static_cast<double>(stats_.receivedAcks()));
}

}  // namespace sipline::sl
