// Configs for the dispatcher's end-to-end tests. Most tests run conf/examples/dispatcher.toml
// itself (its ports 5060 and 5071-5073 are free inside the test's own network namespace); only
// the control socket, the list file and, where a test says so, keepalive timings are changed.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

#include "daemon_process.hpp"
#include "temp_dir.hpp"

namespace sipline::test {

inline void replaceOnce(std::string &text, const std::string &what, const std::string &with) {
    const size_t at = text.find(what);
    if (at == std::string::npos) throw std::runtime_error{"the example no longer contains: " + what};
    text.replace(at, what.size(), with);
}

inline std::filesystem::path exampleFile(const std::string &name) {
    return std::filesystem::path{sourceDir()} / "conf/examples" / name;
}

// The example with its own control socket (the daemon fills @SOCKET@), `list` as list_file,
// and `key = value` lines of [plugins.dispatcher] replaced by `overrides`.
inline std::string exampleConfig(const std::filesystem::path &list,
                                 const std::map<std::string, std::string> &overrides = {}) {
    std::string text = readFile(exampleFile("dispatcher.toml"));
    replaceOnce(text, "socket = \"/run/sipline/sipline.sock\"", "socket = \"@SOCKET@\"");
    replaceOnce(text, "list_file = \"dispatcher.list\"", "list_file = \"" + list.string() + "\"");
    for (const auto &[key, value] : overrides) {
        const size_t at = text.find("\n" + key + " = ");
        if (at == std::string::npos) throw std::runtime_error{"the example has no " + key};
        const size_t end = text.find('\n', at + 1);
        text.replace(at + 1, end - at - 1, key + " = " + value);
    }
    return text;
}

// Stateful failover (the README's relay section): set 1 is tried in priority order (alg 8);
// a 503 or a silent destination (408 after fr_timer) runs the failure route, which marks the
// destination inactive+probing and relays to the next one, arming itself again each time.
constexpr const char *kFailoverConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@"]
workers = 2
log_level = "debug"

[control]
socket = "@SOCKET@"

[relay]
t1 = 100
t2 = 400
fr_timer = 1000
fr_inv_timer = 2000
wait_timer = 1000

[plugins.sl]

[plugins.dispatcher]
list_file = "@LIST@"
flags = 2

[[route.request]]
call = "dispatcher.select"
args = [1, 8]
on_false = { reply = [503, "Service Unavailable"] }

[[route.request]]
do = "on_failure:next_destination"

[[route.request]]
do = "relay"

[[route.next_destination]]
log = "destination $dsdst(uri) failed with $T_reply_code"

[[route.next_destination]]
if = '$T_reply_code == 503 || $T_reply_code == 408'
then = [
  { call = "dispatcher.mark", args = ["ip"] },
  { call = "dispatcher.next", on_false = "exit" },
  { do = "on_failure:next_destination" },
  "relay",
]
)toml";

}  // namespace sipline::test
