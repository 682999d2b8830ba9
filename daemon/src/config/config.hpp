// The daemon's configuration as read from TOML. Routes stay as the TOML tree: the pipeline
// compiler walks it directly so every error can name its line.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/diagnostics.hpp"
#include "transport/endpoint.hpp"

namespace sipline::config {

struct CoreConfig {
    std::vector<transport::Endpoint> listen;
    unsigned workers = 1;
    std::string plugin_dir;           // empty: the built-in default or --plugin-dir
    std::string log_level = "info";
    size_t max_message_bytes = 65535; // UDP datagrams and TCP messages above this are refused
    unsigned tcp_max_connections = 1024;
    unsigned tcp_max_connections_per_ip = 0; // inbound connections from one address; 0: no limit
    unsigned tcp_idle_timeout_s = 600;
    unsigned tcp_message_timeout_s = 10; // a message started on TCP must be complete by then
};

// Stateful relay (Kamailio's tm parameters), milliseconds unless named otherwise.
struct RelayConfig {
    unsigned t1_ms = 500;          // RFC 3261 T1: round-trip estimate, retransmission start
    unsigned t2_ms = 4000;         // T2: retransmission cap for non-INVITE and replies
    unsigned t4_ms = 5000;         // T4: how long a message may stay in the network
    unsigned fr_timer_ms = 30000;  // no reply from a branch by then: 408 (tm's fr_timer)
    unsigned fr_inv_timer_ms = 120000; // INVITE answered provisionally, no final by then: 408
    unsigned wait_timer_ms = 5000; // a finished transaction lingers to absorb retransmissions
    unsigned max_transactions = 65536; // beyond it new requests are answered 503
};

// [overload]: a UDP datagram that waited longer than max_queue_delay_ms in the socket means
// the worker is behind; new requests are then shed (503 with Retry-After, or dropped) while
// replies, ACK, CANCEL and in-dialog requests still run, so calls in progress finish.
struct OverloadConfig {
    unsigned max_queue_delay_ms = 200; // 0: never shed
    bool reply = true;                 // action = "reply" (503) or "drop"
    unsigned retry_after_s = 5;
};

struct ControlConfig {
    bool enabled = true;
    std::string socket = "/run/sipline/sipline.sock";
    unsigned mode = 0660;
    std::string group;
    // The optional TCP listener (same JSON-RPC lines as the socket), off unless listen is set;
    // every request must then carry the token (from token or token_file) as "auth".
    std::optional<transport::Endpoint> listen;
    bool allow_remote = false; // listen may name a non-loopback address only with this
    std::string token;         // token_file's content (trimmed) when that is given
};

// [metrics]: the Prometheus endpoint, off unless listen is set; loopback addresses only.
struct MetricsConfig {
    std::optional<transport::Endpoint> listen; // "127.0.0.1:9100"
};

struct PluginSection {
    std::string name;
    const toml::table *params = nullptr; // the [plugins.NAME] table, owned by Config::document
    SourceLocation where;
};

struct Config {
    std::string path;
    CoreConfig core;
    ControlConfig control;
    RelayConfig relay;
    OverloadConfig overload;
    MetricsConfig metrics;
    std::vector<PluginSection> plugins; // in file order
    const toml::table *routes = nullptr; // the [route] table; may be null
    std::shared_ptr<toml::table> document;

    SourceLocation locate(const toml::node &node) const;
};

// Reads and checks the core parts of a config file. Throws ConfigError naming file:line and
// reason for a TOML syntax error, an unknown key, or a bad value.
Config loadConfig(const std::string &path);
// Same from text (tests); `path` is used in messages.
Config parseConfig(std::string_view text, const std::string &path);

}  // namespace sipline::config
