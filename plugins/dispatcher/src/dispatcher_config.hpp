// The [plugins.dispatcher] table: Kamailio's module parameters under their names without the
// "ds_" prefix, checked once at start. Refusals throw sdk::ConfigError.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "reply_codes.hpp"
#include "selection.hpp"
#include "sqlite_source.hpp"

namespace sipline::dispatcher {

inline constexpr uint32_t kFlagUserOnlyHash = 1; // flags bit 1: hash URIs on the user only
inline constexpr uint32_t kFlagFailover = 2;     // flags bit 2: keep the failover records

struct DispatcherConfig {
    std::string list_file = "dispatcher.list"; // resolved against the config file's folder
    std::string db_url;                        // set: load from SQLite instead
    TableColumns columns;
    int force_dst = 1;
    uint32_t flags = 0;
    bool use_default = false;
    HashMode hash_mode = HashMode::Rendezvous;
    std::string hash_pvar;

    std::string ping_method = "OPTIONS";
    std::string ping_from = "sip:dispatcher@localhost";
    std::chrono::milliseconds ping_interval{0};   // 0: no keepalives
    std::chrono::milliseconds ping_timeout{0};    // 0: the core's Timer F (32 s)
    int probing_threshold = 1;
    int inactive_threshold = 1;
    ReplyCodes ping_reply_codes;
    int probing_mode = 0;
    bool latency_stats = false;
    bool retain_latency_stats = false;
    int latency_alpha = 100;
    std::string outbound_proxy;
    std::string share_states; // redis://...: destination states shared with other nodes

    int hash_size = 0; // > 0 enables alg 10
    std::chrono::seconds hash_expire{7200};
    std::chrono::seconds hash_init_expire{7200};
    std::chrono::seconds hash_check_interval{30};
    bool track_calls = true; // hooks do ds_load_update/ds_load_unset for alg 10 calls

    bool load_mode_abort = false;
    std::chrono::seconds reload_delta{0};
    bool attrs_none = false;
};

// config_json: the object the daemon passes to create(), defaults filled in.
DispatcherConfig parseConfig(std::string_view config_json);

// A duration in seconds given as a TOML integer or float ("0.5"): milliseconds.
std::chrono::milliseconds secondsValue(double seconds);

}  // namespace sipline::dispatcher
