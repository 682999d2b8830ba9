// The [plugins.htable] section: the tables, the database and the expiry timer (Kamailio's
// modparams that sipline supports).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db_table.hpp"
#include "table_spec.hpp"

namespace sipline::htable {

struct HtableConfig {
    std::vector<TableSpec> tables;
    std::string db_url;     // empty: no database; tables with dbtable are refused
    DbLayout layout;
    int timer_interval = 20; // seconds between expiry sweeps
};

// From the configuration object (defaults filled in by the daemon). Throws sdk::ConfigError
// with the reason for a bad table, a bad column name, or a dbtable without db_url.
HtableConfig htableConfigFromJson(std::string_view config_json);

}  // namespace sipline::htable
