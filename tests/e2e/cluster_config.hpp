// Configs for the cluster tests: conf/examples/cluster-node1.toml on the test's port, socket
// and Redis, with a shorter sweep and a 60 s counting window instead of 10 s (a sanitized
// build on a busy machine took more than 10 s for the 51 requests and the checks between
// them, so the count expired mid-test); optionally with a threshold too high to ever ban (for the
// throughput figures) or without replication (the baseline).
#pragma once

#include <filesystem>
#include <string>

#include "daemon_process.hpp"
#include "htable_config.hpp"
#include "temp_dir.hpp"

namespace sipline::test {

inline constexpr int kClusterBanThreshold = 50; // requests per window (10 s in the example)

struct ClusterOptions {
    bool replicate = true;
    bool never_ban = false;
};

inline std::string clusterNodeConfig(const std::string &redis_url, ClusterOptions options = {}) {
    std::string text = readFile(std::filesystem::path{sourceDir()} / "conf/examples/cluster-node1.toml");
    replaceOnce(text, R"(["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"])", R"(["udp:127.0.0.1:@PORT@"])");
    replaceOnce(text, R"(socket = "/run/sipline/node1.sock")", R"(socket = "@SOCKET@")");
    replaceOnce(text, "timer_interval = 10", "timer_interval = 1");
    replaceOnce(text, R"({ name = "ipcount", size = 8, autoexpire = 10,)", R"({ name = "ipcount", size = 8, autoexpire = 60,)");
    for (int i = 0; i < 2; ++i)
        replaceOnce(text, R"(, replicate = "redis://127.0.0.1:6379/0")",
                    options.replicate ? ", replicate = \"" + redis_url + "\"" : std::string{});
    if (options.never_ban) replaceOnce(text, "'$shtinc(ipcount=>$si) > 50'", "'$shtinc(ipcount=>$si) > 1000000000'");
    return text;
}

// Dispatcher nodes sharing destination states (@LIST@: the list file, @REDIS@: the URL).
inline constexpr const char *kSharedStatesConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@"]
workers = 2

[control]
socket = "@SOCKET@"

[plugins.sl]

[plugins.dispatcher]
list_file = "@LIST@"
share_states = "@REDIS@"

[[route.request]]
reply = [200, "OK"]
)toml";

}  // namespace sipline::test
