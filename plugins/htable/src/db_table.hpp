// Between database rows and table items, in Kamailio's htable schema: key_name, key_type
// (0 plain, 1 array), value_type (0 string, 1 integer), key_value and, with db_expires,
// expires (absolute epoch seconds). Custom `cols` tables pack their value columns into one
// string instead.
#pragma once

#include <string>
#include <vector>

#include "cell.hpp"
#include "db_backend.hpp"
#include "table_spec.hpp"

namespace sipline::htable {

struct DbColumns {
    std::string key_name = "key_name";
    std::string key_type = "key_type";
    std::string value_type = "value_type";
    std::string key_value = "key_value";
    std::string expires = "expires";
};

struct DbLayout {
    DbColumns columns;
    std::string array_size_suffix = "::size";
    bool db_expires = false; // load/save the expires column (tables with autoexpire only)
};

// Reads spec.dbtable. Rows of an array key (key_type 1) become name[0], name[1], ... plus
// name::size; rows already expired are skipped. Throws DbError naming the table and row for
// a NULL key or an integer value that is not one.
std::vector<Cell> loadCells(DbBackend &db, const TableSpec &spec, const DbLayout &layout, Seconds now);

// Replaces the rows of spec.dbtable with these items. Throws DbError; refuses `cols` tables,
// whose packed values cannot be written back.
void storeItems(DbBackend &db, const TableSpec &spec, const DbLayout &layout, const std::vector<Item> &items);

}  // namespace sipline::htable
