// maxfwd's declaration tables and its one exported symbol. The logic is in max_forwards.cpp,
// the instance in maxfwd_instance.cpp.
#include <sipline/sdk.hpp>

#include "maxfwd_instance.hpp"

namespace {

namespace sdk = sipline::sdk;
using sipline::maxfwd::MaxfwdPlugin;

constexpr sipline_param_t kMaxLimitParam = sdk::intParam(
    "max_limit", "70", 0, 255,
    "Upper bound of the forwarded Max-Forwards: a larger received value is lowered to it "
    "(Kamailio's cfg range 0..255); changeable at runtime with maxfwd.set_limit.");
constexpr const sipline_param_t *kParams[] = {&kMaxLimitParam};

constexpr sipline_param_t kMaxValueArg = sdk::intParam(
    "max_value", nullptr, 0, 255, "Value of the Max-Forwards header to add when it is absent.",
    SIPLINE_PARAM_REQUIRED | SIPLINE_PARAM_DYNAMIC);
constexpr sipline_param_t kLimitArg = sdk::intParam(
    "max_value", nullptr, 0, 255, "The received Max-Forwards is compared with this value.",
    SIPLINE_PARAM_REQUIRED | SIPLINE_PARAM_DYNAMIC);
constexpr const sipline_param_t *kProcessArgs[] = {&kMaxValueArg};
constexpr const sipline_param_t *kIsLessThanArgs[] = {&kLimitArg};

constexpr const char *kProcessAliases[] = {"process_maxfwd", "maxfwd_process",
                                           "mf_process_maxfwd_header"};
constexpr const char *kIsLessThanAliases[] = {"is_maxfwd_lt", "maxfwd_at_least", "mf_lowlimit"};

constexpr sipline_function_t kProcess = {
    .struct_size = sizeof(sipline_function_t),
    .name = "process",
    .doc = "Adds Max-Forwards: <max_value> when absent, else decrements the received value "
           "(lowered to max_limit first).",
    .returns_doc = "2 header added; 1 decremented; -1 the value is 0 (reply 483) or max_value is "
                   "outside 0..255; -2 unparsable value or edit failure",
    .args = kProcessArgs,
    .arg_count = 1,
    .required_arg_count = 1,
    .routes = SIPLINE_ROUTE_REQUEST,
    .aliases = kProcessAliases,
    .alias_count = 3,
    .prepare = nullptr,
    .invoke = sdk::invoke<&MaxfwdPlugin::process>,
    .release = nullptr,
};

constexpr sipline_function_t kIsLessThan = {
    .struct_size = sizeof(sipline_function_t),
    .name = "is_lt",
    .doc = "Tests whether the received Max-Forwards is lower than max_value.",
    .returns_doc = "1 lower; -1 equal or greater (or max_value outside 0..255); -2 no header; "
                   "-3 unparsable value",
    .args = kIsLessThanArgs,
    .arg_count = 1,
    .required_arg_count = 1,
    .routes = SIPLINE_ROUTE_REQUEST | SIPLINE_ROUTE_FAILURE | SIPLINE_ROUTE_BRANCH,
    .aliases = kIsLessThanAliases,
    .alias_count = 3,
    .prepare = nullptr,
    .invoke = sdk::invoke<&MaxfwdPlugin::isLessThan>,
    .release = nullptr,
};
constexpr const sipline_function_t *kFunctions[] = {&kProcess, &kIsLessThan};

constexpr sipline_rpc_method_t kGetLimit = {
    .struct_size = sizeof(sipline_rpc_method_t),
    .name = "get_limit",
    .doc = "Returns the current max_limit as {\"max_limit\": N}.",
    .params_doc = "",
    .handle = sdk::rpc<&MaxfwdPlugin::getLimit>,
};
constexpr sipline_rpc_method_t kSetLimit = {
    .struct_size = sizeof(sipline_rpc_method_t),
    .name = "set_limit",
    .doc = "Sets max_limit (0..255) for the following messages; returns {\"max_limit\": N}.",
    .params_doc = "max_limit",
    .handle = sdk::rpc<&MaxfwdPlugin::setLimit>,
};
constexpr const sipline_rpc_method_t *kRpcMethods[] = {&kGetLimit, &kSetLimit};

constexpr sipline_plugin_t kPlugin = {
    .struct_size = sizeof(sipline_plugin_t),
    .abi = SIPLINE_ABI_VERSION_INIT,
    .name = "maxfwd",
    .version = "1.0.0",
    .summary = "Max-Forwards processing (Kamailio's maxfwd module)",
    .params = kParams,
    .param_count = 1,
    .functions = kFunctions,
    .function_count = 2,
    .hooks = nullptr,
    .hook_count = 0,
    .pvars = nullptr,
    .pvar_count = 0,
    .rpc_methods = kRpcMethods,
    .rpc_method_count = 2,
    .create = sdk::create<MaxfwdPlugin>,
    .start = sdk::start<MaxfwdPlugin>,
    .stop = sdk::stop<MaxfwdPlugin>,
    .destroy = sdk::destroy<MaxfwdPlugin>,
    .get_interface = nullptr,
    .metrics = nullptr,
};

}  // namespace

SIPLINE_EXTERN_C SIPLINE_EXPORT const sipline_plugin_t *sipline_plugin_entry(void) {
    return &kPlugin;
}
