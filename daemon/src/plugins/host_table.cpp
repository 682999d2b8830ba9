// The host services table: how plugins reach the message, the run, templates, timers and
// the control interface without linking against the daemon.
#include <cstring>
#include <string>

#include "pipeline/message_context.hpp"
#include "pipeline/template.hpp"
#include "plugins/registry.hpp"
#include "plugins/rpc_reply.hpp"
#include "util/log.hpp"

struct sipline_template {
    sipline::pipeline::Template compiled;
};

namespace sipline::plugins {
namespace {

using pipeline::MessageContext;

sipline_str_t str(std::string_view s) noexcept { return {s.data(), s.size()}; }
std::string_view view(sipline_str_t s) noexcept { return s.data ? std::string_view{s.data, s.len} : std::string_view{}; }

LoadedPlugin &pluginOf(const sipline_host_t *host) { return *static_cast<LoadedPlugin *>(host->host_data); }

void fillEndpoint(const transport::Endpoint &from, sipline_endpoint_t *out) {
    if (!out) return;
    out->proto = from.proto == transport::Proto::Tcp ? SIPLINE_PROTO_TCP : SIPLINE_PROTO_UDP;
    const std::string address = from.address.to_string();
    std::strncpy(out->address, address.c_str(), sizeof out->address - 1);
    out->address[sizeof out->address - 1] = '\0';
    out->port = from.port;
}

const sip::Header *findHeader(const MessageContext &ctx, sipline_str_t name, uint32_t nth) {
    return ctx.msg.find(view(name), nth);
}

// --- general

void hostLog(const sipline_host_t *host, sipline_log_level level, sipline_str_t text) {
    const auto l = level < SIPLINE_LOG_ERROR || level > SIPLINE_LOG_DEBUG ? log::Level::Info : static_cast<log::Level>(level);
    if (log::enabled(l)) log::write(l, pluginOf(host).name, view(text));
}

const void *hostGetInterface(const sipline_host_t *host, const char *id) {
    return id ? pluginOf(host).registry->findInterface(id) : nullptr;
}

// --- reading

sipline_str_t msgRaw(const sipline_msg_t *m) { return str(MessageContext::of(m).msg.bytes()); }
int32_t msgIsRequest(const sipline_msg_t *m) { return MessageContext::of(m).msg.isRequest() ? 1 : 0; }
sipline_str_t msgMethod(const sipline_msg_t *m) {
    const auto &msg = MessageContext::of(m).msg;
    if (msg.isRequest()) return str(msg.method());
    const sip::CSeq *cseq = msg.cseq();
    return cseq ? str(cseq->method) : sipline_str_t{};
}
int32_t msgStatus(const sipline_msg_t *m) {
    const auto &msg = MessageContext::of(m).msg;
    return msg.isRequest() ? 0 : msg.statusCode();
}
sipline_str_t msgRuri(const sipline_msg_t *m) {
    const auto &ctx = MessageContext::of(m);
    return ctx.msg.isRequest() ? str(ctx.currentRuri()) : sipline_str_t{};
}
int32_t msgHeader(const sipline_msg_t *m, sipline_str_t name, uint32_t nth, sipline_str_t *value) {
    const sip::Header *h = findHeader(MessageContext::of(m), name, nth);
    if (!h) return 0;
    if (value) *value = str(h->value);
    return 1;
}
uint32_t msgHeaderFields(const sipline_msg_t *m, sipline_header_field_t *out, uint32_t capacity) {
    const auto &headers = MessageContext::of(m).msg.headers();
    for (uint32_t i = 0; i < capacity && i < headers.size(); ++i)
        out[i] = {str(headers[i].name), str(headers[i].value), str(headers[i].field)};
    return static_cast<uint32_t>(headers.size());
}
sipline_str_t msgBody(const sipline_msg_t *m) { return str(MessageContext::of(m).msg.body()); }
void msgSource(const sipline_msg_t *m, sipline_endpoint_t *source, sipline_endpoint_t *local) {
    const auto &ctx = MessageContext::of(m);
    fillEndpoint(ctx.rx.source, source);
    fillEndpoint(ctx.rx.local, local);
}

// --- editing

sipline_status msgAddHeader(sipline_msg_t *m, sipline_str_t name, sipline_str_t value) {
    auto &ctx = MessageContext::of(m);
    if (view(name).empty()) return SIPLINE_E_ARGUMENT;
    std::string line;
    line.append(view(name)).append(": ").append(view(value)).append("\r\n");
    ctx.edits.insert(ctx.msg.headersBegin(), line);
    return SIPLINE_OK;
}
sipline_status msgSetHeader(sipline_msg_t *m, sipline_str_t name, uint32_t nth, sipline_str_t value) {
    auto &ctx = MessageContext::of(m);
    const sip::Header *h = findHeader(ctx, name, nth);
    if (!h) return SIPLINE_E_NOT_FOUND;
    const size_t begin = static_cast<size_t>(h->value.data() - ctx.msg.bytes().data());
    ctx.edits.replace(begin, begin + h->value.size(), view(value));
    return SIPLINE_OK;
}
sipline_status msgRemoveHeader(sipline_msg_t *m, sipline_str_t name, uint32_t nth) {
    auto &ctx = MessageContext::of(m);
    const sip::Header *h = findHeader(ctx, name, nth);
    if (!h) return SIPLINE_E_NOT_FOUND;
    const size_t begin = static_cast<size_t>(h->field.data() - ctx.msg.bytes().data());
    ctx.edits.replace(begin, begin + h->field.size(), "");
    return SIPLINE_OK;
}
uint32_t msgFlags(const sipline_msg_t *m) { return MessageContext::of(m).flags; }
void msgSetFlags(sipline_msg_t *m, uint32_t set, uint32_t clear) {
    auto &ctx = MessageContext::of(m);
    ctx.flags = (ctx.flags & ~clear) | set;
}

// --- replying

sipline_status msgSendReply(sipline_msg_t *m, sipline_str_t bytes) {
    auto &ctx = MessageContext::of(m);
    if (!ctx.core || !ctx.msg.isRequest()) return SIPLINE_E_ARGUMENT;
    return ctx.core->sendReply(ctx, view(bytes)) ? SIPLINE_OK : SIPLINE_E_RUNTIME;
}
int32_t msgDestination(const sipline_msg_t *m, uint32_t index, sipline_str_t *uri) {
    // The destination set: the R-URI when the pipeline rewrote it (Kamailio's rule for 3xx).
    const auto &ctx = MessageContext::of(m);
    if (index == 0 && ctx.new_ruri) {
        if (uri) *uri = str(*ctx.new_ruri);
        return 1;
    }
    return 0;
}

// --- routing

sipline_status msgSetDstUri(sipline_msg_t *m, sipline_str_t uri) {
    auto &ctx = MessageContext::of(m);
    if (view(uri).empty()) ctx.dst_uri.reset();
    else ctx.dst_uri = ctx.arena.copy(view(uri));
    return SIPLINE_OK;
}
sipline_status msgAppendBranch(sipline_msg_t *m, sipline_str_t uri) {
    auto &ctx = MessageContext::of(m);
    if (!ctx.msg.isRequest() || view(uri).empty()) return SIPLINE_E_ARGUMENT;
    ctx.branches.push_back(ctx.arena.copy(view(uri)));
    return SIPLINE_OK;
}
sipline_status msgSetRuri(sipline_msg_t *m, sipline_str_t uri) {
    auto &ctx = MessageContext::of(m);
    if (!ctx.msg.isRequest() || view(uri).empty()) return SIPLINE_E_ARGUMENT;
    ctx.new_ruri = ctx.arena.copy(view(uri));
    return SIPLINE_OK;
}
sipline_str_t msgDstUri(const sipline_msg_t *m) {
    const auto &ctx = MessageContext::of(m);
    return ctx.dst_uri ? str(*ctx.dst_uri) : sipline_str_t{};
}

// --- run

void *runAlloc(sipline_run_t *r, size_t size) { return MessageContext::of(r).arena.allocate(size == 0 ? 1 : size); }
sipline_core_error runLastError(const sipline_run_t *r) { return MessageContext::of(r).last_error; }
void **runSlot(const sipline_host_t *host, sipline_run_t *r) { return MessageContext::of(r).pluginSlot(host); }

// --- originating requests

sipline_status sendRequest(const sipline_host_t *host, const sipline_request_t *request,
                           sipline_reply_callback on_reply, void *data) {
    RequestOrigin *origin = pluginOf(host).registry->environment().requests;
    if (!origin || !request || !on_reply || request->struct_size < sizeof(sipline_request_t))
        return SIPLINE_E_ARGUMENT;
    OutgoingRequest out;
    out.method = view(request->method);
    out.request_uri = view(request->request_uri);
    out.destination = view(request->destination);
    out.from_uri = view(request->from_uri);
    out.to_uri = view(request->to_uri);
    out.headers = view(request->headers);
    out.body = view(request->body);
    if (request->timeout_ms) out.timeout = std::chrono::milliseconds{request->timeout_ms};
    if (out.method.empty() || out.request_uri.empty()) return SIPLINE_E_ARGUMENT;
    std::string why;
    const bool sent = origin->send(std::move(out), [on_reply, data](int status, std::string_view reply) {
        on_reply(data, status, str(reply));
    }, &why);
    if (!sent) log::debug(pluginOf(host).name, "send_request: ", why);
    return sent ? SIPLINE_OK : SIPLINE_E_RUNTIME;
}

sipline_str_t configPath(const sipline_host_t *host) {
    return str(pluginOf(host).registry->environment().config_path);
}

// --- templates

sipline_status templateCompile(const sipline_host_t *host, sipline_str_t text, sipline_template_t **out,
                               const sipline_diag_t *diag) {
    try {
        *out = new sipline_template{pipeline::Template::compile(view(text), pluginOf(host).registry)};
        return SIPLINE_OK;
    } catch (const std::exception &e) {
        if (diag) diag->error(diag, str(e.what()));
        return SIPLINE_E_CONFIG;
    }
}
sipline_status templateEval(const sipline_template_t *t, sipline_msg_t *m, sipline_run_t *, sipline_value_t *out) {
    if (!t || !out) return SIPLINE_E_ARGUMENT;
    *out = pipeline::toAbi(t->compiled.evaluate(MessageContext::of(m)));
    return SIPLINE_OK;
}
void templateRelease(const sipline_host_t *, sipline_template_t *t) { delete t; }

// --- timers

sipline_timer_id timerStart(const sipline_host_t *host, uint32_t interval_ms, void (*callback)(void *), void *data) {
    auto *timers = pluginOf(host).registry->environment().timers;
    if (!timers || !callback) return 0;
    return timers->start(std::chrono::milliseconds{interval_ms}, [callback, data] { callback(data); });
}
void timerCancel(const sipline_host_t *host, sipline_timer_id id) {
    if (auto *timers = pluginOf(host).registry->environment().timers) timers->cancel(id);
}

// --- control replies

void rpcResult(sipline_rpc_reply_t *reply, sipline_str_t json) {
    if (!reply || reply->answered) return;
    reply->answered = true;
    reply->text.assign(view(json));
}
void rpcFault(sipline_rpc_reply_t *reply, int32_t code, sipline_str_t message) {
    if (!reply || reply->answered) return;
    reply->answered = true;
    reply->is_fault = true;
    reply->code = code;
    reply->text.assign(view(message));
}

// --- identity

int32_t listenAddress(const sipline_host_t *host, uint32_t index, sipline_endpoint_t *out) {
    const auto &listen = pluginOf(host).registry->environment().listen;
    if (index >= listen.size()) return 0;
    fillEndpoint(listen[index], out);
    return 1;
}

}  // namespace

void initHostTable(LoadedPlugin &plugin) {
    sipline_host_t &h = plugin.host;
    h = sipline_host_t{};
    h.struct_size = sizeof(sipline_host_t);
    h.abi = SIPLINE_ABI_VERSION_INIT;
    h.host_data = &plugin;
    h.log = hostLog;
    h.get_interface = hostGetInterface;
    h.msg_raw = msgRaw;
    h.msg_is_request = msgIsRequest;
    h.msg_method = msgMethod;
    h.msg_status = msgStatus;
    h.msg_ruri = msgRuri;
    h.msg_header = msgHeader;
    h.msg_body = msgBody;
    h.msg_source = msgSource;
    h.msg_add_header = msgAddHeader;
    h.msg_set_header = msgSetHeader;
    h.msg_remove_header = msgRemoveHeader;
    h.msg_flags = msgFlags;
    h.msg_set_flags = msgSetFlags;
    h.msg_send_reply = msgSendReply;
    h.msg_destination = msgDestination;
    h.run_alloc = runAlloc;
    h.run_last_error = runLastError;
    h.template_compile = templateCompile;
    h.template_eval = templateEval;
    h.template_release = templateRelease;
    h.timer_start = timerStart;
    h.timer_cancel = timerCancel;
    h.rpc_result = rpcResult;
    h.rpc_fault = rpcFault;
    h.listen_address = listenAddress;
    h.msg_set_dst_uri = msgSetDstUri;
    h.msg_set_ruri = msgSetRuri;
    h.msg_dst_uri = msgDstUri;
    h.run_slot = runSlot;
    h.send_request = sendRequest;
    h.config_path = configPath;
    h.msg_append_branch = msgAppendBranch;
    h.msg_header_fields = msgHeaderFields;
}

}  // namespace sipline::plugins
