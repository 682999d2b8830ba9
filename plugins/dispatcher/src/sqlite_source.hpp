// Destinations from a SQLite table with Kamailio's dispatcher columns (setid, destination,
// flags, priority, attrs), column names configurable, plus ds_db_extra_attrs columns.
#pragma once

#include <string>
#include <vector>

#include "list_row.hpp"

namespace sipline::dispatcher {

struct TableColumns {
    std::string table = "dispatcher";
    std::string setid = "setid";
    std::string destination = "destination";
    std::string flags = "flags";
    std::string priority = "priority";
    std::string attrs = "attrs";
    // ds_db_extra_attrs: "aname=colname;..." appended to attrs as aname=value.
    std::vector<std::pair<std::string, std::string>> extra;
};

struct TableLoad {
    std::vector<ListRow> rows;
    std::string error;
};

// db_url: "sqlite:/path/file.db", "sqlite:///path/file.db" or a plain path; the file must exist.
std::string sqlitePathOf(const std::string &db_url);
TableLoad loadSqliteTable(const std::string &path, const TableColumns &columns);

}  // namespace sipline::dispatcher
