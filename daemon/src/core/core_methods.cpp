#include "core/core_methods.hpp"

#include <sipline/sdk/abi.h>

namespace sipline::core {

namespace {
std::string iso8601(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return out;
}
}  // namespace

void registerCoreMethods(control::MethodRegistry &methods, CoreMethodSources s) {
    methods.add("core.version", "The daemon's version and plugin ABI.", [](const nlohmann::json &) {
        return nlohmann::json{{"name", "sipline"},
                              {"version", SIPLINE_VERSION},
                              {"abi", std::to_string(SIPLINE_ABI_MAJOR) + "." + std::to_string(SIPLINE_ABI_MINOR)}};
    });
    methods.add("core.uptime", "Seconds since start, and when it started.", [s](const nlohmann::json &) {
        const auto now = std::chrono::system_clock::now();
        return nlohmann::json{{"now", iso8601(now)},
                              {"up_since", iso8601(s.started)},
                              {"uptime", std::chrono::duration_cast<std::chrono::seconds>(now - s.started).count()}};
    });
    methods.add("core.plugins", "The loaded plugins: name, version, summary, file.", [s](const nlohmann::json &) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto &p : s.plugins->plugins())
            out.push_back({{"name", p->name},
                           {"version", p->decl->version ? p->decl->version : ""},
                           {"summary", p->decl->summary ? p->decl->summary : ""},
                           {"file", p->path}});
        return out;
    });
    methods.add("core.reload", "Reloads the config file's routes; a bad file is refused and the running one stays.",
                [s](const nlohmann::json &) {
                    if (!s.reload) throw control::RpcFault{control::kMethodNotFound, "reload is not available"};
                    const ReloadResult result = s.reload();
                    if (!result.ok) throw control::RpcFault{500, result.message};
                    return nlohmann::json{{"reloaded", true}, {"message", result.message}};
                });
    methods.add("core.stats", "Message counters summed over the workers.", [s](const nlohmann::json &) {
        CoreTotals t;
        for (const CoreStats *w : s.worker_stats()) t.add(*w);
        return nlohmann::json{{"requests_received", t.requests_received},   {"replies_received", t.replies_received},
                              {"parse_errors", t.parse_errors},             {"requests_forwarded", t.requests_forwarded},
                              {"replies_forwarded", t.replies_forwarded},   {"local_replies_sent", t.local_replies_sent},
                              {"send_errors", t.send_errors},               {"dropped", t.dropped}, {"shed", t.shed},
                              {"tcp_connections", s.connections ? s.connections->size() : 0},
                              {"transactions", s.transactions ? s.transactions() : 0}};
    });
}

}  // namespace sipline::core
