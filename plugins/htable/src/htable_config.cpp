#include "htable_config.hpp"

#include <nlohmann/json.hpp>
#include <sipline/sdk/cpp/host.hpp>

namespace sipline::htable {
namespace {

using nlohmann::json;

std::string stringParam(const json &config, const char *key, std::string fallback) {
    const auto found = config.find(key);
    if (found == config.end()) return fallback;
    if (!found->is_string()) throw sdk::ConfigError{std::string{"htable: "} + key + " must be a string"};
    return found->get<std::string>();
}

std::string columnParam(const json &config, const char *key, std::string fallback) {
    std::string name = stringParam(config, key, std::move(fallback));
    if (!isSqlIdentifier(name))
        throw sdk::ConfigError{std::string{"htable: "} + key + " \"" + name + "\" is not a column name"};
    return name;
}

}  // namespace

HtableConfig htableConfigFromJson(std::string_view config_json) {
    const json config = json::parse(config_json, nullptr, false);
    if (!config.is_object()) throw sdk::ConfigError{"htable: the configuration is not a JSON object"};
    HtableConfig out;
    out.tables = parseTableSpecs(config.value("tables", json::array()));
    out.db_url = stringParam(config, "db_url", "");
    DbColumns &columns = out.layout.columns;
    columns.key_name = columnParam(config, "key_name_column", columns.key_name);
    columns.key_type = columnParam(config, "key_type_column", columns.key_type);
    columns.value_type = columnParam(config, "value_type_column", columns.value_type);
    columns.key_value = columnParam(config, "key_value_column", columns.key_value);
    columns.expires = columnParam(config, "expires_column", columns.expires);
    out.layout.array_size_suffix = stringParam(config, "array_size_suffix", out.layout.array_size_suffix);
    if (out.layout.array_size_suffix.empty()) throw sdk::ConfigError{"htable: array_size_suffix must not be empty"};
    out.layout.db_expires = config.value("db_expires", 0) != 0;
    out.timer_interval = config.value("timer_interval", 20);
    if (out.timer_interval <= 0) out.timer_interval = 20; // Kamailio's rule for <= 0
    for (const TableSpec &spec : out.tables)
        if (!spec.dbtable.empty() && out.db_url.empty())
            throw sdk::ConfigError{"htable: table \"" + spec.name + "\" has dbtable \"" + spec.dbtable +
                                   "\" but db_url is not set (e.g. db_url = \"sqlite:/var/lib/sipline/htable.db\")"};
    return out;
}

}  // namespace sipline::htable
