#include "table_spec.hpp"

#include <charconv>
#include <set>

#include <nlohmann/json.hpp>
#include <sipline/sdk/cpp/host.hpp>

#include "redis_url.hpp"

namespace sipline::htable {
namespace {

using nlohmann::json;

constexpr const char *kKnownAttributes =
    "name, size, autoexpire, updateexpire, initval, dbtable, cols, coldelim, colnull, dbmode, "
    "dmqreplicate, reloadat, replicate";

[[noreturn]] void refuse(const std::string &where, const std::string &why) {
    throw sdk::ConfigError{"htable: " + where + ": " + why};
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Kamailio's values are text; an attribute that is a whole integer becomes a JSON number so
// both forms go through the same checks.
json attributeValue(std::string_view text) {
    text = trim(text);
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'')
        return std::string{text.substr(1, text.size() - 2)};
    int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc{} && end == text.data() + text.size() && !text.empty()) return number;
    return std::string{text};
}

json fromKamailioForm(std::string_view text, const std::string &where) {
    const size_t arrow = text.find("=>");
    json object = json::object();
    object["name"] = std::string{trim(text.substr(0, arrow))};
    if (arrow == std::string_view::npos) return object;
    std::string_view rest = text.substr(arrow + 2);
    while (!rest.empty()) {
        const size_t semicolon = rest.find(';');
        const std::string_view pair = rest.substr(0, semicolon);
        rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
        if (trim(pair).empty()) continue;
        const size_t equals = pair.find('=');
        if (equals == std::string_view::npos)
            refuse(where, "'" + std::string{trim(pair)} + "' is not attribute=value");
        object[std::string{trim(pair.substr(0, equals))}] = attributeValue(pair.substr(equals + 1));
    }
    return object;
}

int64_t integerIn(const json &value, const std::string &where, const char *attribute, int64_t min,
                  int64_t max, const char *meaning = "") {
    if (!value.is_number_integer() || value.get<int64_t>() < min || value.get<int64_t>() > max)
        refuse(where, std::string{attribute} + " must be an integer in " + std::to_string(min) + ".." +
                          std::to_string(max) + meaning + ", got " + value.dump());
    return value.get<int64_t>();
}

std::string text(const json &value, const std::string &where, const char *attribute) {
    if (!value.is_string()) refuse(where, std::string{attribute} + " must be a string, got " + value.dump());
    return value.get<std::string>();
}

std::vector<std::string> columnList(const json &value, const std::string &where) {
    std::vector<std::string> names;
    if (value.is_array()) {
        for (const json &item : value) names.push_back(text(item, where, "cols entry"));
    } else {
        const std::string written = text(value, where, "cols");
        std::string_view rest = written;
        while (true) {
            const size_t comma = rest.find(',');
            names.emplace_back(trim(rest.substr(0, comma)));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    if (names.size() < 2 || names.size() > 8)
        refuse(where, "cols must name the key column and 1 to 7 value columns, got " +
                          std::to_string(names.size()) + " name(s)");
    for (const auto &name : names)
        if (!isSqlIdentifier(name)) refuse(where, "cols: '" + name + "' is not a column name");
    return names;
}

bool validTableName(std::string_view name) noexcept {
    if (name.empty()) return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-' || c == '.'))
            return false;
    return true;
}

void readAttribute(TableSpec &spec, const std::string &key, const json &value, const std::string &where) {
    if (key == "size") {
        spec.size = static_cast<int>(integerIn(value, where, "size", 0, kMaxSizeExponent,
                                               " (an exponent: 2^size slots; 8 is 256 slots)"));
        spec.slots = slotsForSize(spec.size);
    } else if (key == "autoexpire") {
        spec.autoexpire = integerIn(value, where, "autoexpire", 0, INT32_MAX, " seconds");
    } else if (key == "updateexpire") {
        spec.updateexpire = integerIn(value, where, "updateexpire", 0, 1) == 1;
    } else if (key == "initval") {
        if (!value.is_number_integer()) refuse(where, "initval must be an integer, got " + value.dump());
        spec.initval = value.get<int64_t>();
    } else if (key == "dbtable") {
        spec.dbtable = text(value, where, "dbtable");
        if (!isSqlIdentifier(spec.dbtable))
            refuse(where, "dbtable '" + spec.dbtable + "' is not a table name ([A-Za-z_][A-Za-z0-9_]*)");
    } else if (key == "cols") {
        spec.cols = columnList(value, where);
    } else if (key == "coldelim") {
        const std::string delim = text(value, where, "coldelim");
        if (delim.size() != 1) refuse(where, "coldelim must be one character, got '" + delim + "'");
        spec.coldelim = delim[0];
    } else if (key == "colnull") {
        spec.colnull = text(value, where, "colnull");
        if (spec.colnull.size() > 1) refuse(where, "colnull must be one character or empty, got '" + spec.colnull + "'");
    } else if (key == "dbmode") {
        spec.dbmode = static_cast<int>(integerIn(value, where, "dbmode", 0, 1));
    } else if (key == "dmqreplicate") {
        spec.dmqreplicate = static_cast<int>(integerIn(value, where, "dmqreplicate", 0, 1));
        if (spec.dmqreplicate != 0)
            refuse(where, "dmqreplicate = 1: sipline has no DMQ replication; use replicate = \"redis://127.0.0.1:6379/0\"");
    } else if (key == "reloadat") {
        spec.reloadat = integerIn(value, where, "reloadat", 0, INT32_MAX, " seconds");
    } else if (key == "replicate") {
        spec.replicate = text(value, where, "replicate");
        std::string why;
        if (!parseRedisUrl(spec.replicate, &why)) refuse(where, "replicate: " + why);
    } else if (key != "name") {
        refuse(where, "unknown attribute '" + key + "' (known: " + kKnownAttributes + ")");
    }
}

}  // namespace

uint32_t slotsForSize(int size) noexcept {
    if (size <= 1) return 8;
    if (size > 31) return 1u << 14;
    return 1u << size;
}

bool isSqlIdentifier(std::string_view name) noexcept {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

TableSpec parseTableSpec(const json &definition, const std::string &where) {
    const json object = definition.is_string() ? fromKamailioForm(definition.get<std::string>(), where) : definition;
    if (!object.is_object())
        refuse(where, "a table is { name = \"...\", size = N, ... } or \"name=>size=N;...\", got " + definition.dump());
    const auto name = object.find("name");
    if (name == object.end() || !name->is_string() || !validTableName(name->get<std::string>()))
        refuse(where, "name must be a non-empty string of letters, digits, '_', '-' or '.'");
    TableSpec spec;
    spec.name = name->get<std::string>();
    const std::string here = where + " (\"" + spec.name + "\")";
    for (const auto &[key, value] : object.items()) readAttribute(spec, key, value, here);
    if (spec.dbmode == 1 && spec.dbtable.empty()) refuse(here, "dbmode = 1 writes back to dbtable, which is not set");
    if (spec.reloadat > 0 && spec.dbtable.empty()) refuse(here, "reloadat reloads from dbtable, which is not set");
    if (!spec.cols.empty() && spec.dbtable.empty()) refuse(here, "cols needs dbtable");
    // One source of truth per table: a reload from the database would not reach the other nodes.
    if (!spec.replicate.empty() && !spec.dbtable.empty())
        refuse(here, "replicate and dbtable cannot be combined (Redis holds the shared copy)");
    return spec;
}

std::vector<TableSpec> parseTableSpecs(const json &tables) {
    if (!tables.is_array())
        throw sdk::ConfigError{"htable: tables must be an array of table definitions, got " + tables.dump()};
    std::vector<TableSpec> specs;
    std::set<std::string> names;
    for (size_t i = 0; i < tables.size(); ++i) {
        TableSpec spec = parseTableSpec(tables[i], "tables[" + std::to_string(i) + "]");
        if (!names.insert(spec.name).second)
            refuse("tables[" + std::to_string(i) + "]", "table \"" + spec.name + "\" is defined twice");
        specs.push_back(std::move(spec));
    }
    return specs;
}

std::string kamailioForm(const TableSpec &spec) {
    std::string out = spec.name + "=>size=" + std::to_string(spec.size);
    if (spec.autoexpire > 0) out += ";autoexpire=" + std::to_string(spec.autoexpire);
    if (!spec.updateexpire) out += ";updateexpire=0";
    if (spec.initval) out += ";initval=" + std::to_string(*spec.initval);
    if (!spec.dbtable.empty()) out += ";dbtable=" + spec.dbtable;
    if (!spec.cols.empty()) {
        out += ";cols='";
        for (size_t i = 0; i < spec.cols.size(); ++i) out += (i ? "," : "") + spec.cols[i];
        out += "'";
    }
    if (spec.dbmode) out += ";dbmode=1";
    if (spec.reloadat > 0) out += ";reloadat=" + std::to_string(spec.reloadat);
    if (!spec.replicate.empty()) out += ";replicate=" + redisUrlForDisplay(spec.replicate);
    return out;
}

}  // namespace sipline::htable
