#include <charconv>
#include <fstream>
#include <sstream>

#include "config/config.hpp"
#include "util/log.hpp"

namespace sipline::config {

SourceLocation Config::locate(const toml::node &node) const {
    return SourceLocation{path, static_cast<uint32_t>(node.source().begin.line)};
}

namespace {

class CoreReader {
public:
    CoreReader(Config &config, Diagnostics &diagnostics) : config_{config}, diag_{diagnostics} {}

    void read() {
        const toml::table &doc = *config_.document;
        for (const auto &[key, node] : doc) {
            if (key == "core") readCore(node);
            else if (key == "control") readControl(node);
            else if (key == "plugins") readPlugins(node);
            else if (key == "route") readRoutes(node);
            else if (key == "relay") readRelay(node);
            else if (key == "overload") readOverload(node);
            else if (key == "metrics") readMetrics(node);
            else
                diag_.error(config_.locate(node), "unknown section '" + std::string{key.str()} +
                                                      "' (expected core, control, relay, overload, metrics, plugins, route)");
        }
        if (config_.core.listen.empty() && !listen_written_)
            diag_.error({config_.path, 0}, "core.listen: at least one listen address is required");
    }

private:
    const toml::table *asTable(const toml::node &node, std::string_view what) {
        const toml::table *table = node.as_table();
        if (!table) diag_.error(config_.locate(node), std::string{what} + " must be a table");
        return table;
    }

    template <class T> bool integerIn(const toml::node &node, std::string_view key, int64_t min, int64_t max, T &out) {
        auto value = node.value<int64_t>();
        if (!node.is_integer() || !value || *value < min || *value > max) {
            diag_.error(config_.locate(node), std::string{key} + " must be an integer in " +
                                                  std::to_string(min) + ".." + std::to_string(max));
            return false;
        }
        out = static_cast<T>(*value);
        return true;
    }

    bool string(const toml::node &node, std::string_view key, std::string &out) {
        if (!node.is_string()) {
            diag_.error(config_.locate(node), std::string{key} + " must be a string");
            return false;
        }
        out = node.as_string()->get();
        return true;
    }

    void readCore(const toml::node &node) {
        const toml::table *core = asTable(node, "[core]");
        if (!core) return;
        CoreConfig &c = config_.core;
        for (const auto &[key, value] : *core) {
            if (key == "listen") {
                listen_written_ = true;  // its own errors, if any, are already reported
                readListen(value);
            }
            else if (key == "workers") integerIn(value, "core.workers", 1, 64, c.workers);
            else if (key == "plugin_dir") string(value, "core.plugin_dir", c.plugin_dir);
            else if (key == "log_level") {
                log::Level level;
                if (string(value, "core.log_level", c.log_level) && !log::parseLevel(c.log_level, level))
                    diag_.error(config_.locate(value), "core.log_level must be error, warning, info or debug");
            } else if (key == "max_message_bytes")
                integerIn(value, "core.max_message_bytes", 512, 1 << 20, c.max_message_bytes);
            else if (key == "tcp_max_connections")
                integerIn(value, "core.tcp_max_connections", 1, 1 << 20, c.tcp_max_connections);
            else if (key == "tcp_max_connections_per_ip")
                integerIn(value, "core.tcp_max_connections_per_ip", 0, 1 << 20, c.tcp_max_connections_per_ip);
            else if (key == "tcp_idle_timeout")
                integerIn(value, "core.tcp_idle_timeout", 1, 86400, c.tcp_idle_timeout_s);
            else if (key == "tcp_message_timeout")
                integerIn(value, "core.tcp_message_timeout", 1, 3600, c.tcp_message_timeout_s);
            else
                diag_.error(config_.locate(value), "unknown key core." + std::string{key.str()});
        }
    }

    void readListen(const toml::node &node) {
        const toml::array *list = node.as_array();
        if (!list) {
            diag_.error(config_.locate(node), "core.listen must be an array of \"proto:address:port\" strings");
            return;
        }
        for (const auto &item : *list) {
            std::string text, why;
            if (!string(item, "core.listen entry", text)) continue;
            auto endpoint = transport::parseListenAddress(text, &why);
            if (!endpoint) {
                diag_.error(config_.locate(item), "core.listen: '" + text + "': " + why);
                continue;
            }
            for (const auto &existing : config_.core.listen)
                if (existing == *endpoint)
                    diag_.error(config_.locate(item), "core.listen: '" + text + "' is listed twice");
            config_.core.listen.push_back(*endpoint);
        }
    }

    void readMetrics(const toml::node &node) {
        const toml::table *metrics = asTable(node, "[metrics]");
        if (!metrics) return;
        for (const auto &[key, value] : *metrics) {
            std::string text, why;
            if (key != "listen") {
                diag_.error(config_.locate(value), "unknown key metrics." + std::string{key.str()});
                continue;
            }
            if (!string(value, "metrics.listen", text)) continue;
            auto endpoint = transport::parseListenAddress("tcp:" + text, &why);
            if (!endpoint) diag_.error(config_.locate(value), "metrics.listen: '" + text + "': " + why);
            else if (!endpoint->address.is_loopback())
                diag_.error(config_.locate(value), "metrics.listen: '" + text + "' is not a loopback address (the "
                                                   "endpoint has no authentication: put a proxy in front to expose it)");
            else config_.metrics.listen = endpoint;
        }
    }

    void readRelay(const toml::node &node) {
        const toml::table *relay = asTable(node, "[relay]");
        if (!relay) return;
        config::RelayConfig &r = config_.relay;
        for (const auto &[key, value] : *relay) {
            if (key == "t1") integerIn(value, "relay.t1", 10, 10000, r.t1_ms);
            else if (key == "t2") integerIn(value, "relay.t2", 100, 60000, r.t2_ms);
            else if (key == "t4") integerIn(value, "relay.t4", 100, 60000, r.t4_ms);
            else if (key == "fr_timer") integerIn(value, "relay.fr_timer", 100, 3600000, r.fr_timer_ms);
            else if (key == "fr_inv_timer") integerIn(value, "relay.fr_inv_timer", 100, 3600000, r.fr_inv_timer_ms);
            else if (key == "wait_timer") integerIn(value, "relay.wait_timer", 100, 600000, r.wait_timer_ms);
            else if (key == "max_transactions") integerIn(value, "relay.max_transactions", 1, 10000000, r.max_transactions);
            else diag_.error(config_.locate(value), "unknown key relay." + std::string{key.str()});
        }
    }

    void readOverload(const toml::node &node) {
        const toml::table *overload = asTable(node, "[overload]");
        if (!overload) return;
        config::OverloadConfig &o = config_.overload;
        for (const auto &[key, value] : *overload) {
            std::string action;
            if (key == "max_queue_delay") integerIn(value, "overload.max_queue_delay", 0, 60000, o.max_queue_delay_ms);
            else if (key == "retry_after") integerIn(value, "overload.retry_after", 1, 3600, o.retry_after_s);
            else if (key == "action") {
                if (!string(value, "overload.action", action)) continue;
                if (action == "reply" || action == "drop") o.reply = action == "reply";
                else diag_.error(config_.locate(value), "overload.action must be \"reply\" (503) or \"drop\", not '" + action + "'");
            } else diag_.error(config_.locate(value), "unknown key overload." + std::string{key.str()});
        }
    }

    void readControl(const toml::node &node) {
        const toml::table *control = asTable(node, "[control]");
        if (!control) return;
        ControlConfig &c = config_.control;
        ControlTcpKeys tcp;
        for (const auto &[key, value] : *control) {
            if (key == "socket") string(value, "control.socket", c.socket);
            else if (key == "enabled") boolean(value, "control.enabled", c.enabled);
            else if (key == "group") string(value, "control.group", c.group);
            else if (key == "mode") readMode(value);
            else if (key == "listen") tcp.listen = &value;
            else if (key == "allow_remote") boolean(value, "control.allow_remote", c.allow_remote);
            else if (key == "token") tcp.token = &value;
            else if (key == "token_file") tcp.token_file = &value;
            else diag_.error(config_.locate(value), "unknown key control." + std::string{key.str()});
        }
        if (c.socket.empty()) diag_.error(config_.locate(node), "control.socket must not be empty");
        readControlTcp(tcp);
    }

    bool boolean(const toml::node &node, std::string_view key, bool &out) {
        if (!node.is_boolean()) {
            diag_.error(config_.locate(node), std::string{key} + " must be true or false");
            return false;
        }
        out = node.as_boolean()->get();
        return true;
    }

    // The TCP control listener's keys, checked together once the whole table is read (the
    // token requirement depends on listen, the address check on allow_remote).
    struct ControlTcpKeys {
        const toml::node *listen = nullptr, *token = nullptr, *token_file = nullptr;
    };

    void readControlTcp(const ControlTcpKeys &keys) {
        ControlConfig &c = config_.control;
        if (keys.token && keys.token_file) {
            diag_.error(config_.locate(*keys.token_file), "control.token and control.token_file are exclusive");
            return;
        }
        if (keys.token && string(*keys.token, "control.token", c.token)) checkToken(*keys.token, "control.token");
        if (keys.token_file) readTokenFile(*keys.token_file);
        if (!keys.listen) return;
        std::string text, why;
        if (!string(*keys.listen, "control.listen", text)) return;
        auto endpoint = transport::parseListenAddress(text, &why);
        if (!endpoint || endpoint->proto != transport::Proto::Tcp) {
            diag_.error(config_.locate(*keys.listen), "control.listen: '" + text + "': " +
                                                          (endpoint ? "must be tcp:ADDRESS:PORT" : why));
            return;
        }
        if (!endpoint->address.is_loopback() && !c.allow_remote) {
            diag_.error(config_.locate(*keys.listen),
                        "control.listen: '" + text + "' is not a loopback address (set control.allow_remote = "
                        "true to accept control connections from other hosts)");
            return;
        }
        if (!keys.token && !keys.token_file) {
            diag_.error(config_.locate(*keys.listen),
                        "control.listen needs control.token or control.token_file: TCP control requests "
                        "must authenticate");
            return;
        }
        c.listen = endpoint;
    }

    static constexpr size_t kMinTokenBytes = 16;

    void checkToken(const toml::node &where, std::string_view key) {
        const std::string &token = config_.control.token;
        if (token.size() < kMinTokenBytes)
            diag_.error(config_.locate(where), std::string{key} + " must be at least " +
                                                   std::to_string(kMinTokenBytes) + " characters long");
        for (char ch : token)
            if (static_cast<unsigned char>(ch) <= ' ' || ch == 0x7f) {
                diag_.error(config_.locate(where), std::string{key} + " must not contain spaces or control characters");
                return;
            }
    }

    // The token is kept out of the config file so the file may stay world-readable.
    void readTokenFile(const toml::node &node) {
        std::string file;
        if (!string(node, "control.token_file", file)) return;
        std::ifstream in{file, std::ios::binary};
        if (!in) {
            diag_.error(config_.locate(node), "control.token_file: cannot read " + file);
            return;
        }
        std::ostringstream text;
        text << in.rdbuf();
        std::string token = text.str();
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' '))
            token.pop_back();
        config_.control.token = token;
        checkToken(node, "control.token_file: the token in " + file);
    }

    void readMode(const toml::node &node) {
        // A string is read as octal ("0660"); a TOML integer as written (0o660).
        unsigned mode = 0;
        if (node.is_string()) {
            const std::string &text = node.as_string()->get();
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), mode, 8);
            if (ec != std::errc{} || end != text.data() + text.size() || mode > 0777) {
                diag_.error(config_.locate(node), "control.mode must be an octal file mode such as \"0660\"");
                return;
            }
        } else if (!integerIn(node, "control.mode", 0, 0777, mode)) {
            return;
        }
        config_.control.mode = mode;
    }

    void readPlugins(const toml::node &node) {
        const toml::table *plugins = asTable(node, "[plugins]");
        if (!plugins) return;
        for (const auto &[key, value] : *plugins) {
            const toml::table *params = value.as_table();
            if (!params) {
                diag_.error(config_.locate(value), "plugins." + std::string{key.str()} +
                                                       " must be a table ([plugins." + std::string{key.str()} + "])");
                continue;
            }
            config_.plugins.push_back(PluginSection{std::string{key.str()}, params, config_.locate(value)});
        }
    }

    void readRoutes(const toml::node &node) { config_.routes = asTable(node, "[route]"); }

    Config &config_;
    Diagnostics &diag_;
    bool listen_written_ = false;
};

}  // namespace

Config parseConfig(std::string_view text, const std::string &path) {
    Config config;
    config.path = path;
    try {
        config.document = std::make_shared<toml::table>(toml::parse(text, path));
    } catch (const toml::parse_error &e) {
        Diagnostics diag;
        diag.error({path, static_cast<uint32_t>(e.source().begin.line)},
                   "TOML syntax: " + std::string{e.description()});
        throw ConfigError{diag};
    }
    Diagnostics diag;
    CoreReader{config, diag}.read();
    if (!diag.ok()) throw ConfigError{diag};
    return config;
}

Config loadConfig(const std::string &path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) throw ConfigError{path + ": cannot open the configuration file"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseConfig(text.str(), path);
}

}  // namespace sipline::config
