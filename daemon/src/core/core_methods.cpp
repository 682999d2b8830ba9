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
        uint64_t totals[8] = {};
        for (const CoreStats *w : s.worker_stats()) {
            const std::atomic<uint64_t> *counters[] = {&w->requests_received, &w->replies_received, &w->parse_errors,
                                                       &w->requests_forwarded, &w->replies_forwarded,
                                                       &w->local_replies_sent, &w->send_errors, &w->dropped};
            for (size_t i = 0; i < 8; ++i) totals[i] += counters[i]->load(std::memory_order_relaxed);
        }
        return nlohmann::json{{"requests_received", totals[0]},   {"replies_received", totals[1]},
                              {"parse_errors", totals[2]},        {"requests_forwarded", totals[3]},
                              {"replies_forwarded", totals[4]},   {"local_replies_sent", totals[5]},
                              {"send_errors", totals[6]},         {"dropped", totals[7]},
                              {"tcp_connections", s.connections ? s.connections->size() : 0},
                              {"transactions", s.transactions ? s.transactions() : 0}};
    });
}

}  // namespace sipline::core
