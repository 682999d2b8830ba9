#include "dispatcher_config.hpp"

#include <cmath>

#include <nlohmann/json.hpp>
#include <sipline/sdk.hpp>

#include "redis_url.hpp"

namespace sipline::dispatcher {
namespace {

using nlohmann::json;

std::string text(const json &config, const char *key, const std::string &fallback) {
    const auto it = config.find(key);
    return it != config.end() && it->is_string() ? it->get<std::string>() : fallback;
}

int64_t integer(const json &config, const char *key, int64_t fallback) {
    const auto it = config.find(key);
    return it != config.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

bool boolean(const json &config, const char *key, bool fallback) {
    const auto it = config.find(key);
    return it != config.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

// JSON-kind duration params: a number of seconds, integer or float, >= 0.
std::chrono::milliseconds duration(const json &config, const char *key) {
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) return std::chrono::milliseconds{0};
    if (!it->is_number() || it->get<double>() < 0 || !std::isfinite(it->get<double>()))
        throw sdk::ConfigError{std::string{key} + " must be a number of seconds >= 0 (e.g. 10 or 0.5), not " +
                               it->dump()};
    return secondsValue(it->get<double>());
}

void checkNoLineBreaks(const std::string &value, const char *key) {
    if (value.find_first_of("\r\n") != std::string::npos)
        throw sdk::ConfigError{std::string{key} + " must not contain line breaks"};
}

// "aname=colname;..." of ds_db_extra_attrs.
std::vector<std::pair<std::string, std::string>> extraAttrs(std::string_view spec) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!spec.empty()) {
        const size_t semi = spec.find(';');
        const std::string_view item = spec.substr(0, semi);
        spec.remove_prefix(semi == std::string_view::npos ? spec.size() : semi + 1);
        if (item.empty()) continue;
        const size_t eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size())
            throw sdk::ConfigError{"db_extra_attrs: '" + std::string{item} + "' is not aname=colname"};
        out.emplace_back(std::string{item.substr(0, eq)}, std::string{item.substr(eq + 1)});
    }
    return out;
}

}  // namespace

std::chrono::milliseconds secondsValue(double seconds) {
    return std::chrono::milliseconds{static_cast<int64_t>(std::llround(seconds * 1000.0))};
}

DispatcherConfig parseConfig(std::string_view config_json) {
    const json config = config_json.empty() ? json::object() : json::parse(config_json, nullptr, false);
    if (!config.is_object()) throw sdk::ConfigError{"dispatcher: the configuration is not a JSON object"};
    DispatcherConfig c;
    c.list_file = text(config, "list_file", c.list_file);
    c.db_url = text(config, "db_url", c.db_url);
    c.columns.table = text(config, "table_name", c.columns.table);
    c.columns.setid = text(config, "setid_col", c.columns.setid);
    c.columns.destination = text(config, "destination_col", c.columns.destination);
    c.columns.flags = text(config, "flags_col", c.columns.flags);
    c.columns.priority = text(config, "priority_col", c.columns.priority);
    c.columns.attrs = text(config, "attrs_col", c.columns.attrs);
    c.columns.extra = extraAttrs(text(config, "db_extra_attrs", ""));
    if (c.db_url.empty() && c.list_file.empty()) throw sdk::ConfigError{"list_file is empty and db_url is unset"};

    c.force_dst = static_cast<int>(integer(config, "force_dst", c.force_dst));
    c.flags = static_cast<uint32_t>(integer(config, "flags", c.flags));
    c.use_default = integer(config, "use_default", 0) != 0;
    const std::string mode = text(config, "hash_mode", "rendezvous");
    if (mode == "rendezvous") c.hash_mode = HashMode::Rendezvous;
    else if (mode == "kamailio") c.hash_mode = HashMode::Kamailio;
    else throw sdk::ConfigError{"hash_mode must be \"rendezvous\" or \"kamailio\", not \"" + mode + "\""};
    c.hash_pvar = text(config, "hash_pvar", "");

    c.ping_method = text(config, "ping_method", c.ping_method);
    c.ping_from = text(config, "ping_from", c.ping_from);
    c.outbound_proxy = text(config, "outbound_proxy", "");
    c.share_states = text(config, "share_states", "");
    if (std::string why; !c.share_states.empty() && !htable::parseRedisUrl(c.share_states, &why))
        throw sdk::ConfigError{"share_states: " + why};
    checkNoLineBreaks(c.ping_method, "ping_method");
    checkNoLineBreaks(c.ping_from, "ping_from");
    if (c.ping_method.empty() || c.ping_method.find_first_of(" \t") != std::string::npos)
        throw sdk::ConfigError{"ping_method must be one SIP method token, e.g. \"OPTIONS\""};
    c.ping_interval = duration(config, "ping_interval");
    c.ping_timeout = duration(config, "ping_fr_timeout");
    if (c.ping_interval.count() > 0 && c.ping_interval < std::chrono::milliseconds{50})
        throw sdk::ConfigError{"ping_interval below 0.05 s would flood the destinations"};
    c.probing_threshold = static_cast<int>(integer(config, "probing_threshold", 1));
    c.inactive_threshold = static_cast<int>(integer(config, "inactive_threshold", 1));
    std::string why;
    const auto codes = parseReplyCodes(text(config, "ping_reply_codes", ""), &why);
    if (!codes) throw sdk::ConfigError{why};
    c.ping_reply_codes = *codes;
    c.probing_mode = static_cast<int>(integer(config, "probing_mode", 0));
    c.latency_stats = integer(config, "ping_latency_stats", 0) != 0;
    c.retain_latency_stats = integer(config, "retain_latency_stats", 0) != 0;
    c.latency_alpha = static_cast<int>(integer(config, "latency_estimator_alpha", 100));

    c.hash_size = static_cast<int>(integer(config, "hash_size", 0));
    c.hash_expire = std::chrono::seconds{integer(config, "hash_expire", 7200)};
    c.hash_init_expire = std::chrono::seconds{integer(config, "hash_initexpire", 7200)};
    c.hash_check_interval = std::chrono::seconds{integer(config, "hash_check_interval", 30)};
    c.track_calls = boolean(config, "track_calls", true);

    c.load_mode_abort = integer(config, "load_mode", 0) != 0;
    c.reload_delta = std::chrono::seconds{integer(config, "reload_delta", 0)};
    c.attrs_none = integer(config, "attrs_none", 0) != 0;
    return c;
}

}  // namespace sipline::dispatcher
