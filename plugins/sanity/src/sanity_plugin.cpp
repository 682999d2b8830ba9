// sanity's declaration tables and its one exported symbol. The checks are in check_*.cpp, the
// instance in sanity_instance.cpp.
#include <sipline/sdk.hpp>

#include "sanity_instance.hpp"

namespace {

namespace sdk = sipline::sdk;
using sipline::sanity::SanityPlugin;

constexpr int64_t kMaxSize = 1 << 30;

constexpr sipline_param_t kDefaultChecks = sdk::jsonParam(
    "default_checks", "3047",
    "Checks sanity.check runs without arguments: Kamailio's bit sum (1..131071) or a list of check "
    "names, e.g. [\"ruri_sip_version\", \"cseq_value\"].");
constexpr sipline_param_t kUriChecks = sdk::jsonParam(
    "uri_checks", "7",
    "URIs parse_uris (1024) parses: 1 R-URI, 2 From, 4 To, 8 Contact, as a sum or a list of names.");
constexpr sipline_param_t kProxyRequire = sdk::jsonParam(
    "proxy_require", "\"\"",
    "Extensions this proxy supports for the Proxy-Require check: \"foo, bar\" or [\"foo\", \"bar\"].");
constexpr sipline_param_t kAutodrop = sdk::jsonParam(
    "autodrop", "true", "A failed check returns 0 (the route stops) instead of -1.");
constexpr sipline_param_t kNoreply = sdk::jsonParam(
    "noreply", "false", "Do not send the reply of a failed check; sanity.reply sends it later.");
constexpr sipline_param_t kSizeChecks = sdk::jsonParam(
    "size_checks", "false", "Run the sizes check (65536) on every sanity.check call.");
constexpr sipline_param_t kSizeMessage =
    sdk::intParam("size_message", "16384", 0, kMaxSize, "Largest whole message in bytes (0: unlimited).");
constexpr sipline_param_t kSizeHeaders =
    sdk::intParam("size_headers", "8192", 0, kMaxSize, "Largest header section in bytes (0: unlimited).");
constexpr sipline_param_t kSizeBody = sdk::intParam("size_body", "8192", 0, kMaxSize, "Largest body in bytes.");
constexpr sipline_param_t kSizeHeader =
    sdk::intParam("size_header", "2048", 0, kMaxSize, "Largest single header field (name and value).");
constexpr sipline_param_t kSizeMethod =
    sdk::intParam("size_method", "32", 0, kMaxSize, "Longest method (the CSeq method for replies).");
constexpr sipline_param_t kSizeRuri = sdk::intParam("size_ruri", "256", 0, kMaxSize, "Longest Request-URI.");
constexpr sipline_param_t kSizeFromUri = sdk::intParam("size_from_uri", "256", 0, kMaxSize, "Longest From URI.");
constexpr sipline_param_t kSizeToUri = sdk::intParam("size_to_uri", "256", 0, kMaxSize, "Longest To URI.");
constexpr sipline_param_t kSizeContactUri =
    sdk::intParam("size_contact_uri", "256", 0, kMaxSize, "Longest Contact URI.");
constexpr sipline_param_t kSizeRouteUri =
    sdk::intParam("size_route_uri", "256", 0, kMaxSize, "Longest Route or Record-Route URI.");
constexpr sipline_param_t kSizePathUri = sdk::intParam("size_path_uri", "256", 0, kMaxSize, "Longest Path URI.");
constexpr sipline_param_t kSizePaiUri =
    sdk::intParam("size_pai_uri", "256", 0, kMaxSize, "Longest P-Asserted-Identity URI.");
constexpr const sipline_param_t *kParams[] = {
    &kDefaultChecks, &kUriChecks,    &kProxyRequire,  &kAutodrop,    &kNoreply,        &kSizeChecks,
    &kSizeMessage,   &kSizeHeaders,  &kSizeBody,      &kSizeHeader,  &kSizeMethod,     &kSizeRuri,
    &kSizeFromUri,   &kSizeToUri,    &kSizeContactUri, &kSizeRouteUri, &kSizePathUri,  &kSizePaiUri,
};

constexpr sipline_param_t kMsgChecksArg = sdk::jsonParam(
    "msg_checks", nullptr, "Checks to run: a bit sum, a check name or a list of them; default_checks when absent.",
    SIPLINE_PARAM_DYNAMIC);
constexpr sipline_param_t kUriChecksArg = sdk::jsonParam(
    "uri_checks", nullptr, "URIs for parse_uris: a bit sum, a name or a list; the uri_checks parameter when absent.",
    SIPLINE_PARAM_DYNAMIC);
constexpr const sipline_param_t *kCheckArgs[] = {&kMsgChecksArg, &kUriChecksArg};

constexpr const char *kCheckAliases[] = {"sanity_check"};
constexpr const char *kCheckDefaultsAliases[] = {"sanity_check_defaults"};
constexpr const char *kReplyAliases[] = {"sanity_reply"};

constexpr uint32_t kRoutes = SIPLINE_ROUTE_REQUEST | SIPLINE_ROUTE_REPLY;

constexpr sipline_function_t kCheck = {
    .struct_size = sizeof(sipline_function_t),
    .name = "check",
    .doc = "Runs the selected checks in Kamailio's order; the first failure answers with its precise "
           "reply through sl (requests other than ACK only).",
    .returns_doc = "1 every check passed; 0 a check failed (autodrop, the route stops); -1 a check failed "
                   "(autodrop = false) or a $variable argument is not a valid mask",
    .args = kCheckArgs,
    .arg_count = 2,
    .required_arg_count = 0,
    .routes = kRoutes,
    .aliases = kCheckAliases,
    .alias_count = 1,
    .prepare = sdk::prepare<&SanityPlugin::prepareCheck>,
    .invoke = sdk::invoke<&SanityPlugin::check>,
    .release = &SanityPlugin::releaseCheck,
};

constexpr sipline_function_t kCheckDefaults = {
    .struct_size = sizeof(sipline_function_t),
    .name = "check_defaults",
    .doc = "Runs default_checks with uri_checks (Kamailio's KEMI sanity_check_defaults).",
    .returns_doc = "1 every check passed; -1 a check failed (whatever autodrop says)",
    .args = nullptr,
    .arg_count = 0,
    .required_arg_count = 0,
    .routes = kRoutes,
    .aliases = kCheckDefaultsAliases,
    .alias_count = 1,
    .prepare = nullptr,
    .invoke = sdk::invoke<&SanityPlugin::checkDefaults>,
    .release = nullptr,
};

constexpr sipline_function_t kReply = {
    .struct_size = sizeof(sipline_function_t),
    .name = "reply",
    .doc = "With noreply = true, sends the reply the last failed check of this message kept "
           "(500 \"Server Sanity Failure\" when there is none).",
    .returns_doc = "1 sent, or nothing to do (noreply = false, a reply, an ACK, a message nobody may answer); "
                   "-1 the reply could not be sent",
    .args = nullptr,
    .arg_count = 0,
    .required_arg_count = 0,
    .routes = kRoutes,
    .aliases = kReplyAliases,
    .alias_count = 1,
    .prepare = nullptr,
    .invoke = sdk::invoke<&SanityPlugin::reply>,
    .release = nullptr,
};
constexpr const sipline_function_t *kFunctions[] = {&kCheck, &kCheckDefaults, &kReply};

constexpr sipline_plugin_t kPlugin = {
    .struct_size = sizeof(sipline_plugin_t),
    .abi = SIPLINE_ABI_VERSION_INIT,
    .name = "sanity",
    .version = "1.0.0",
    .summary = "RFC 3261 sanity checks with precise error replies (Kamailio's sanity module)",
    .params = kParams,
    .param_count = sizeof(kParams) / sizeof(kParams[0]),
    .functions = kFunctions,
    .function_count = 3,
    .hooks = nullptr,
    .hook_count = 0,
    .pvars = nullptr,
    .pvar_count = 0,
    .rpc_methods = nullptr,
    .rpc_method_count = 0,
    .create = sdk::create<SanityPlugin>,
    .start = sdk::start<SanityPlugin>,
    .stop = sdk::stop<SanityPlugin>,
    .destroy = sdk::destroy<SanityPlugin>,
    .get_interface = nullptr,
    .metrics = sdk::metrics<&SanityPlugin::writeMetrics>,
};

}  // namespace

SIPLINE_EXTERN_C SIPLINE_EXPORT const sipline_plugin_t *sipline_plugin_entry(void) {
    return &kPlugin;
}
