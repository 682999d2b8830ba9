// hello.so: the smallest useful sipline plugin. It offers one pipeline function,
// hello.stamp(text), which adds "X-Hello: <text>" to the message, and one control
// command, hello.count, which says how many messages it stamped.
//
//   [plugins.hello]
//   greeting = "hi"            # used when stamp() gets an empty text
//
//   [[route.request]]
//   call = "hello.stamp"
//   args = ["from $si"]
#include <atomic>
#include <string>

#include <sipline/sdk.hpp>

namespace {

namespace sdk = sipline::sdk;

class Hello : public sdk::PluginBase {
public:
    // Config arrives as JSON text; the core has already checked it against kParams.
    Hello(sdk::Host host, std::string_view config_json)
        : PluginBase{host}, greeting_{greetingFrom(config_json)} {}

    // [worker] Runs on many threads at once: only the counter is shared.
    sipline_rc stamp(sdk::Call &call) {
        std::string_view text = call.string(0);
        if (text.empty()) text = greeting_;
        if (!call.msg.addHeader("X-Hello", text)) return -1;
        stamped_.fetch_add(1, std::memory_order_relaxed);
        return 1;
    }

    // [control-thread] siplinectl hello.count
    void count(sdk::RpcCall &call) {
        call.result("{\"stamped\": " + std::to_string(stamped_.load()) + "}");
    }

private:
    // A deliberately tiny reader for {"greeting": "..."}: a real plugin would use a JSON library.
    static std::string greetingFrom(std::string_view json) {
        const auto key = json.find("\"greeting\"");
        const auto open = key == std::string_view::npos ? key : json.find('"', json.find(':', key));
        const auto close = open == std::string_view::npos ? open : json.find('"', open + 1);
        if (close == std::string_view::npos) return "hello";
        return std::string{json.substr(open + 1, close - open - 1)};
    }

    std::string greeting_;
    std::atomic<uint64_t> stamped_{0};
};

constexpr sipline_param_t kGreeting =
    sdk::strParam("greeting", "\"hello\"", "Text stamped when stamp() gets an empty text.");
constexpr const sipline_param_t *kParams[] = {&kGreeting};

constexpr sipline_param_t kTextArg = sdk::strParam(
    "text", nullptr, "Value of the X-Hello header; may contain $variables.", SIPLINE_PARAM_DYNAMIC);
constexpr const sipline_param_t *kStampArgs[] = {&kTextArg};

constexpr sipline_function_t kStamp = {
    .struct_size = sizeof(sipline_function_t),
    .name = "stamp",
    .doc = "Adds an X-Hello header.",
    .returns_doc = "1 added; -1 the header could not be added",
    .args = kStampArgs,
    .arg_count = 1,
    .required_arg_count = 0,
    .routes = SIPLINE_ROUTE_REQUEST | SIPLINE_ROUTE_REPLY,
    .aliases = nullptr,
    .alias_count = 0,
    .prepare = nullptr,
    .invoke = sdk::invoke<&Hello::stamp>,
    .release = nullptr,
};
constexpr const sipline_function_t *kFunctions[] = {&kStamp};

constexpr sipline_rpc_method_t kCount = {
    .struct_size = sizeof(sipline_rpc_method_t),
    .name = "count",
    .doc = "How many messages were stamped: {\"stamped\": N}.",
    .params_doc = "",
    .handle = sdk::rpc<&Hello::count>,
};
constexpr const sipline_rpc_method_t *kRpcMethods[] = {&kCount};

constexpr sipline_plugin_t kPlugin = {
    .struct_size = sizeof(sipline_plugin_t),
    .abi = SIPLINE_ABI_VERSION_INIT,
    .name = "hello",
    .version = "1.0.0",
    .summary = "Example plugin: stamps an X-Hello header",
    .params = kParams,
    .param_count = 1,
    .functions = kFunctions,
    .function_count = 1,
    .hooks = nullptr,
    .hook_count = 0,
    .pvars = nullptr,
    .pvar_count = 0,
    .rpc_methods = kRpcMethods,
    .rpc_method_count = 1,
    .create = sdk::create<Hello>,
    .start = sdk::start<Hello>,
    .stop = sdk::stop<Hello>,
    .destroy = sdk::destroy<Hello>,
    .get_interface = nullptr,
    .metrics = nullptr,
};

}  // namespace

SIPLINE_EXTERN_C SIPLINE_EXPORT const sipline_plugin_t *sipline_plugin_entry(void) {
    return &kPlugin;
}
