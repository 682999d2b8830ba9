// Configs for htable's end-to-end tests: the shipped IP-ban example made fast (short expiry),
// and a table loaded from a SQLite file that the test edits.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "daemon_process.hpp"
#include "temp_dir.hpp"

namespace sipline::test {

inline void replaceOnce(std::string &text, const std::string &from, const std::string &to) {
    const size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("the example no longer contains: " + from);
    text.replace(at, from.size(), to);
}

// conf/examples/ipban.toml on the test's port and socket, with bans and counting windows of
// 2 s instead of 300 s and 10 s, and a 1 s sweep.
inline std::string ipbanExampleConfig() {
    std::string text = readFile(std::filesystem::path{sourceDir()} / "conf/examples/ipban.toml");
    replaceOnce(text, R"(["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"])", R"(["udp:127.0.0.1:@PORT@"])");
    replaceOnce(text, R"(socket = "/run/sipline/sipline.sock")", R"(socket = "@SOCKET@")");
    replaceOnce(text, R"({ name = "ipban", size = 8, autoexpire = 300 })", R"({ name = "ipban", size = 8, autoexpire = 2 })");
    replaceOnce(text, R"(name = "ipcount", size = 8, autoexpire = 10,)", R"(name = "ipcount", size = 8, autoexpire = 2,)");
    replaceOnce(text, "timer_interval = 10", "timer_interval = 1");
    return text;
}

inline constexpr int kBanThreshold = 50; // requests per window in the example

// A block list loaded from SQLite (@DB@), written back on a clean stop: requests to a
// blocked R-URI user are answered 403.
inline constexpr const char *kBlockListConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@"]
workers = 2
log_level = "info"

[control]
socket = "@SOCKET@"

[plugins.sl]

[plugins.htable]
db_url = "sqlite://@DB@"
tables = [{ name = "blocked", size = 4, dbtable = "htable", dbmode = 1 }]

[[route.request]]
if = '$sht(blocked=>$rU) != $null'
then = { reply = [403, "Blocked"] }

[[route.request]]
reply = [200, "OK"]
)toml";

}  // namespace sipline::test
