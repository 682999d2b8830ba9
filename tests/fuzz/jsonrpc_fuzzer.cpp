// libFuzzer: arbitrary bytes as a JSON-RPC request line to the control plane's method
// registry (system.* methods, one that echoes its params, one that fails). Every input must
// get a well-formed JSON-RPC answer or none (a notification); never a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "control/method_registry.hpp"
#include "control/rpc_fault.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static sipline::control::MethodRegistry *methods = [] {
        auto *m = new sipline::control::MethodRegistry;
        m->add("test.echo", "params back", [](const nlohmann::json &params) { return params; });
        m->add("test.fail", "always an error", [](const nlohmann::json &) -> nlohmann::json {
            throw sipline::control::RpcFault{sipline::control::kInvalidParams, "always"};
        });
        return m;
    }();
    const std::string answer = methods->handle({reinterpret_cast<const char *>(data), size});
    if (!answer.empty() && !nlohmann::json::accept(answer)) std::abort(); // an answer that is not JSON
    return 0;
}
