// sl's declaration tables and its one exported symbol. The reply logic is in
// reply_builder.cpp, the instance in sl_instance.cpp.
#include <cstring>

#include <sipline/sdk.hpp>

#include "sl_instance.hpp"

namespace {

namespace sdk = sipline::sdk;
using sipline::sl::SlPlugin;

constexpr sipline_param_t kDefaultCodeParam = sdk::intParam(
    "default_code", "500", 100, 699, "Reply code used when the code argument cannot be evaluated.");
constexpr sipline_param_t kDefaultReasonParam = sdk::strParam(
    "default_reason", "\"Internal Server Error\"",
    "Reason phrase used when the reason argument cannot be evaluated.");
constexpr sipline_param_t kServerHeaderParam = sdk::strParam(
    "server_header", "\"sipline\"",
    "Value of the Server header added to every stateless reply; empty for none (sipline's "
    "addition).");
constexpr const sipline_param_t *kParams[] = {&kDefaultCodeParam, &kDefaultReasonParam,
                                              &kServerHeaderParam};

constexpr sipline_param_t kCodeArg = sdk::intParam(
    "code", nullptr, 100, 699, "Status code of the reply.",
    SIPLINE_PARAM_REQUIRED | SIPLINE_PARAM_DYNAMIC);
constexpr sipline_param_t kReasonArg = sdk::strParam(
    "reason", nullptr, "Reason phrase of the reply; must not be empty.",
    SIPLINE_PARAM_REQUIRED | SIPLINE_PARAM_DYNAMIC);
constexpr const sipline_param_t *kSendReplyArgs[] = {&kCodeArg, &kReasonArg};

constexpr const char *kSendReplyAliases[] = {"sl_send_reply", "sl_reply", "reply"};
constexpr const char *kReplyErrorAliases[] = {"sl_reply_error"};

constexpr sipline_function_t kSendReply = {
    .struct_size = sizeof(sipline_function_t),
    .name = "send_reply",
    .doc = "Sends a stateless reply to the request; the route continues afterwards.",
    .returns_doc = "1 sent; -1 the request is an ACK, the reason is empty or the reply could not "
                   "be built or sent; -2 the message is flagged no-reply",
    .args = kSendReplyArgs,
    .arg_count = 2,
    .required_arg_count = 2,
    .routes = SIPLINE_ROUTE_REQUEST,
    .aliases = kSendReplyAliases,
    .alias_count = 3,
    .prepare = nullptr,
    .invoke = sdk::invoke<&SlPlugin::sendReply>,
    .release = nullptr,
};

constexpr sipline_function_t kReplyError = {
    .struct_size = sizeof(sipline_function_t),
    .name = "reply_error",
    .doc = "Sends a stateless reply derived from the core's last internal error.",
    .returns_doc = "1 sent; -1 the request is an ACK or the reply could not be sent; -2 the "
                   "message is flagged no-reply or a final reply was already sent",
    .args = nullptr,
    .arg_count = 0,
    .required_arg_count = 0,
    .routes = SIPLINE_ROUTE_REQUEST,
    .aliases = kReplyErrorAliases,
    .alias_count = 1,
    .prepare = nullptr,
    .invoke = sdk::invoke<&SlPlugin::replyError>,
    .release = nullptr,
};
constexpr const sipline_function_t *kFunctions[] = {&kSendReply, &kReplyError};

constexpr sipline_hook_t kAbsorbAck = {
    .struct_size = sizeof(sipline_hook_t),
    .stage = SIPLINE_STAGE_PRE_REQUEST,
    .order = 0,
    .run = sdk::hook<&SlPlugin::absorbAck>,
};
constexpr const sipline_hook_t *kHooks[] = {&kAbsorbAck};

constexpr sipline_rpc_method_t kStats = {
    .struct_size = sizeof(sipline_rpc_method_t),
    .name = "stats",
    .doc = "Counters of stateless replies by code, plus sent_replies, failures and "
           "received_ACKs.",
    .params_doc = "",
    .handle = sdk::rpc<&SlPlugin::stats>,
};
constexpr const sipline_rpc_method_t *kRpcMethods[] = {&kStats};

// [any-thread] The interface lives in the instance: its first member points back to it.
const void *getInterface(void *instance, const char *interface_id) noexcept {
    if (instance == nullptr || interface_id == nullptr ||
        std::strcmp(interface_id, SIPLINE_IFACE_SL) != 0)
        return nullptr;
    return static_cast<const SlPlugin *>(instance)->api();
}

constexpr sipline_plugin_t kPlugin = {
    .struct_size = sizeof(sipline_plugin_t),
    .abi = SIPLINE_ABI_VERSION_INIT,
    .name = "sl",
    .version = "1.0.0",
    .summary = "Stateless replies and the ACKs for them (Kamailio's sl module)",
    .params = kParams,
    .param_count = 3,
    .functions = kFunctions,
    .function_count = 2,
    .hooks = kHooks,
    .hook_count = 1,
    .pvars = nullptr,
    .pvar_count = 0,
    .rpc_methods = kRpcMethods,
    .rpc_method_count = 1,
    .create = sdk::create<SlPlugin>,
    .start = sdk::start<SlPlugin>,
    .stop = sdk::stop<SlPlugin>,
    .destroy = sdk::destroy<SlPlugin>,
    .get_interface = getInterface,
    .metrics = sdk::metrics<&SlPlugin::writeMetrics>,
};

}  // namespace

SIPLINE_EXTERN_C SIPLINE_EXPORT const sipline_plugin_t *sipline_plugin_entry(void) {
    return &kPlugin;
}
