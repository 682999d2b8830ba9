// Loading and writing back a real SQLite file in Kamailio's htable schema.
#include <fstream>

#include <gtest/gtest.h>

#include "db_table.hpp"
#include "sqlite_backend.hpp"
#include "sqlite_file.hpp"

namespace {

using namespace sipline::htable;
using htable_test::SqliteFile;

constexpr Seconds kNow = 1'700'000'000;

TableSpec spec(Seconds autoexpire = 0) {
    TableSpec s;
    s.name = "t";
    s.dbtable = "htable";
    s.autoexpire = autoexpire;
    return s;
}

const Cell *named(const std::vector<Cell> &cells, const std::string &name) {
    for (const Cell &c : cells)
        if (c.name == name) return &c;
    return nullptr;
}

std::string failure(DbBackend &db, const TableSpec &s, const DbLayout &layout = {}) {
    try {
        loadCells(db, s, layout, kNow);
    } catch (const DbError &e) {
        return e.what();
    }
    return "loaded";
}

TEST(DbTable, LoadsPlainAndArrayKeysWithTheirTypes) {
    SqliteFile file;
    file.createSchema();
    file.exec("INSERT INTO htable (key_name, key_type, value_type, key_value) VALUES "
              "('course', 1, 0, 'math'), ('alice', 0, 1, '42'), ('course', 1, 0, 'physics'), "
              "('bob', 0, 0, 'sip:bob@example.com'), ('zed', 1, 1, '7')");
    SqliteBackend db{file.path()};
    const auto cells = loadCells(db, spec(), {}, kNow);
    ASSERT_EQ(cells.size(), 7u);
    EXPECT_EQ(named(cells, "alice")->value, CellValue{int64_t{42}});
    EXPECT_EQ(named(cells, "bob")->value, CellValue{std::string{"sip:bob@example.com"}});
    EXPECT_EQ(named(cells, "course[0]")->value, CellValue{std::string{"math"}}) << "in insertion order";
    EXPECT_EQ(named(cells, "course[1]")->value, CellValue{std::string{"physics"}});
    EXPECT_EQ(named(cells, "course::size")->value, CellValue{int64_t{2}});
    EXPECT_EQ(named(cells, "zed[0]")->value, CellValue{int64_t{7}});
    EXPECT_EQ(named(cells, "zed::size")->value, CellValue{int64_t{1}});
    EXPECT_EQ(named(cells, "alice")->expire, 0);
}

TEST(DbTable, CustomSuffixAndColumnNames) {
    SqliteFile file;
    file.exec("CREATE TABLE mine (k TEXT, kt INTEGER, vt INTEGER, v TEXT)");
    file.exec("INSERT INTO mine VALUES ('a', 1, 0, 'x'), ('a', 1, 0, 'y')");
    SqliteBackend db{file.path()};
    TableSpec s = spec();
    s.dbtable = "mine";
    DbLayout layout;
    layout.columns = {"k", "kt", "vt", "v", "e"};
    layout.array_size_suffix = "#count";
    const auto cells = loadCells(db, s, layout, kNow);
    EXPECT_EQ(named(cells, "a#count")->value, CellValue{int64_t{2}});
    EXPECT_EQ(named(cells, "a[1]")->value, CellValue{std::string{"y"}});
}

TEST(DbTable, AutoexpireAndTheExpiresColumn) {
    SqliteFile file;
    file.createSchema();
    file.exec("INSERT INTO htable (key_name, key_value, expires) VALUES ('old', 'x', " + std::to_string(kNow - 5) +
              "), ('later', 'y', " + std::to_string(kNow + 500) + "), ('zero', 'z', 0)");
    SqliteBackend db{file.path()};
    const auto ignored = loadCells(db, spec(60), {}, kNow);
    EXPECT_EQ(ignored.size(), 3u) << "without db_expires the column is not read";
    EXPECT_EQ(named(ignored, "old")->expire, kNow + 60);
    DbLayout layout;
    layout.db_expires = true;
    const auto cells = loadCells(db, spec(60), layout, kNow);
    EXPECT_EQ(cells.size(), 2u) << "rows already expired are skipped";
    EXPECT_EQ(named(cells, "later")->expire, kNow + 500);
    EXPECT_EQ(named(cells, "zero")->expire, kNow + 60);
}

TEST(DbTable, PacksCustomColumns) {
    SqliteFile file;
    file.exec("CREATE TABLE peers (ip TEXT, name TEXT, port INTEGER); "
              "INSERT INTO peers VALUES ('10.0.0.1', 'gw1', 5060), ('10.0.0.2', NULL, 5070)");
    SqliteBackend db{file.path()};
    TableSpec s = spec();
    s.dbtable = "peers";
    s.cols = {"ip", "name", "port"};
    s.coldelim = ';';
    const auto cells = loadCells(db, s, {}, kNow);
    EXPECT_EQ(named(cells, "10.0.0.1")->value, CellValue{std::string{"gw1;5060"}});
    EXPECT_EQ(named(cells, "10.0.0.2")->value, CellValue{std::string{"*;5070"}});
    EXPECT_THROW(storeItems(db, s, {}, {}), DbError) << "cols tables are never written back";
}

TEST(DbTable, BadRowsMissingAndCorruptFilesAreClearErrors) {
    SqliteFile file;
    SqliteBackend missing{file.path()};
    EXPECT_NE(failure(missing, spec()).find("does not exist"), std::string::npos) << failure(missing, spec());

    file.createSchema();
    file.exec("INSERT INTO htable (key_name, value_type, key_value) VALUES ('n', 1, 'twelve')");
    SqliteBackend db{file.path()};
    EXPECT_NE(failure(db, spec()).find("key \"n\" has value_type 1 but its value \"twelve\" is not an integer"),
              std::string::npos)
        << failure(db, spec());

    TableSpec other = spec();
    other.dbtable = "nosuch";
    EXPECT_NE(failure(db, other).find("no such table: nosuch"), std::string::npos) << failure(db, other);

    SqliteFile corrupt;
    std::ofstream{corrupt.path()} << std::string(4096, 'x');
    SqliteBackend garbage{corrupt.path()};
    EXPECT_NE(failure(garbage, spec()).find("not a database"), std::string::npos) << failure(garbage, spec());
}

TEST(DbTable, NullKeysAbortTheLoad) {
    SqliteFile file;
    file.exec("CREATE TABLE htable (key_name TEXT, key_type INTEGER, value_type INTEGER, key_value TEXT); "
              "INSERT INTO htable VALUES (NULL, 0, 0, 'x')");
    SqliteBackend db{file.path()};
    EXPECT_NE(failure(db, spec()).find("is NULL"), std::string::npos);
}

TEST(DbTable, StoresItemsReplacingTheRows) {
    SqliteFile file;
    file.createSchema();
    file.exec("INSERT INTO htable (key_name, key_value) VALUES ('stale', 'x')");
    SqliteBackend db{file.path()};
    storeItems(db, spec(), {}, {Item{"a", int64_t{5}, 0}, Item{"b", std::string{"text"}, 0}});
    EXPECT_EQ(file.scalar("SELECT COUNT(*) FROM htable"), "2");
    EXPECT_EQ(file.scalar("SELECT key_value FROM htable WHERE key_name = 'a' AND value_type = 1"), "5");
    EXPECT_EQ(file.scalar("SELECT key_value FROM htable WHERE key_name = 'b' AND value_type = 0"), "text");
    const auto again = loadCells(db, spec(), {}, kNow);
    EXPECT_EQ(named(again, "a")->value, CellValue{int64_t{5}});

    DbLayout layout;
    layout.db_expires = true;
    storeItems(db, spec(60), layout, {Item{"e", int64_t{1}, kNow + 30}});
    EXPECT_EQ(file.scalar("SELECT expires FROM htable WHERE key_name = 'e'"), std::to_string(kNow + 30));
}

TEST(DbTable, BackendUrls) {
    EXPECT_EQ(makeDbBackend("sqlite:///var/x.db")->describe(), "sqlite:/var/x.db");
    EXPECT_EQ(makeDbBackend("sqlite:rel.db")->describe(), "sqlite:rel.db");
    EXPECT_EQ(makeDbBackend("/plain/path.db")->describe(), "sqlite:/plain/path.db");
    EXPECT_THROW(makeDbBackend("mysql://u:p@h/db"), DbError);
}

}  // namespace
