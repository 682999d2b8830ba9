// The config the foundation's end-to-end tests run: the default config's shape (Max-Forwards
// check, OPTIONS answered, everything else forwarded) plus a 404 for user "nobody".
#pragma once

namespace sipline::test {

inline constexpr const char *kFoundationConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@", "tcp:127.0.0.1:@PORT@"]
workers = 2
log_level = "debug"

[control]
socket = "@SOCKET@"

[plugins.maxfwd]
max_limit = 20

[plugins.sl]

[[route.request]]
call = "maxfwd.process"
args = [10]
on = { "-1" = { reply = [483, "Too Many Hops"] } }

[[route.request]]
if = '$rU == "nobody"'
then = { reply = [404, "Not Found"] }

[[route.request]]
if = '$rm == "OPTIONS" && $rU == $null'
then = { reply = [200, "OK"] }

#@EXTRA_STEPS@

[[route.request]]
do = "forward"

[[route.request]]
if = '$retcode < 0'
then = { call = "sl.reply_error" }
)toml";

// For calls over TCP: the sipp UAC's R-URI names no transport, so say it.
inline constexpr const char *kForwardOverTcpStep = R"toml(
[[route.request]]
if = '$pr == "tcp" && !($ru =~ "transport=")'
then = { set = { "$du" = "$ru;transport=tcp" } }
)toml";

}  // namespace sipline::test
