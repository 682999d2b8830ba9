// One table's definition: Kamailio's htable attributes (name=>size=8;autoexpire=300;...),
// read from the TOML form { name = "ipban", size = 8, autoexpire = 300 } or from Kamailio's
// string form, and checked so that a bad definition is refused at start with its reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cell.hpp"

namespace sipline::htable {

inline constexpr int kMaxSizeExponent = 20; // 2^20 slots; Kamailio silently allows up to 2^31

struct TableSpec {
    std::string name;
    int size = 4;                 // the exponent as written: 2^size slots
    uint32_t slots = 16;
    Seconds autoexpire = 0;       // 0: items never expire
    bool updateexpire = true;     // an update refreshes the expiry
    std::optional<int64_t> initval; // read for missing keys; lets $shtinc create them
    std::string dbtable;          // loaded at start when set
    std::vector<std::string> cols; // custom columns, key first; values packed with coldelim
    char coldelim = ',';
    std::string colnull = "*";    // written for NULL columns; one character or empty
    int dbmode = 0;               // 1: write the table back to dbtable on clean shutdown
    int dmqreplicate = 0;         // accepted as 0 only: sipline has no DMQ
    Seconds reloadat = 0;         // reload from dbtable every N seconds (Kamailio master)
    std::string replicate;        // redis://[:password@]host[:port][/db]: shared with other nodes
};

// Slots for a size exponent, as Kamailio computes them: size <= 1 gives 8.
uint32_t slotsForSize(int size) noexcept;

// One definition: a JSON object with Kamailio's attribute names, or a string in Kamailio's
// "name=>attr=value;..." form. Throws sdk::ConfigError naming `where` and the attribute.
TableSpec parseTableSpec(const nlohmann::json &definition, const std::string &where);

// The whole `tables` parameter: an array of definitions; duplicate names are refused.
std::vector<TableSpec> parseTableSpecs(const nlohmann::json &tables);

// A name usable as an SQL identifier (table or column): [A-Za-z_][A-Za-z0-9_]*.
bool isSqlIdentifier(std::string_view name) noexcept;

// The definition back in Kamailio's modparam("htable", "htable", "...") form.
std::string kamailioForm(const TableSpec &spec);

}  // namespace sipline::htable
