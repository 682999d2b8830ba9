// Kamailio's list file format, the SQLite table, and the array order of 1.6.1.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "config_path.hpp"
#include "list_file.hpp"
#include "snapshot_builder.hpp"
#include "sqlite_source.hpp"
#include "test_sets.hpp"

namespace sipline::dispatcher {
namespace {

TEST(ListFile, ParsesFieldsCommentsAndHexFlags) {
    const auto parsed = parseListText("# comment\n"
                                      "1 sip:10.0.0.1:5060 0 5 duid=a;weight=50;\n"
                                      "\n"
                                      "  2\tsip:10.0.0.2 0x8   # probing\n"
                                      "3 10.0.0.3\n",
                                      "x.list");
    ASSERT_EQ(parsed.error, "");
    ASSERT_EQ(parsed.rows.size(), 3u);
    EXPECT_EQ(parsed.rows[0].setid, 1);
    EXPECT_EQ(parsed.rows[0].priority, 5);
    EXPECT_EQ(parsed.rows[0].attrs, "duid=a;weight=50;");
    EXPECT_EQ(parsed.rows[1].flags, 8u);
    EXPECT_EQ(parsed.rows[1].origin, "x.list:4");
    EXPECT_EQ(parsed.rows[2].flags, 0u);
}

TEST(ListFile, RefusesBadLinesNamingFileAndLine) {
    EXPECT_EQ(parseListText("1 sip:a\n-1 sip:b\n", "x.list").error,
              "x.list:2: set id '-1' is not a non-negative integer");
    EXPECT_NE(parseListText("1\n", "x.list").error.find("x.list:1: expected"), std::string::npos);
    EXPECT_NE(parseListText("1 sip:a zz\n", "x.list").error.find("flags 'zz'"), std::string::npos);
    EXPECT_NE(parseListText("1 sip:a 0 p\n", "x.list").error.find("priority 'p'"), std::string::npos);
    EXPECT_NE(readListFile("/nonexistent/ds.list").error.find("cannot read"), std::string::npos);
}

TEST(Snapshot, ArrayOrderIsHighestPriorityFirstAndLaterLineFirstAmongTies) {
    const auto snapshot = dispatcher_test::snapshotOf("1 sip:10.0.0.1 0 1\n"
                                                      "1 sip:10.0.0.2 0 5\n"
                                                      "1 sip:10.0.0.3 0 1\n"
                                                      "1 sip:10.0.0.4 0 3\n");
    const DestinationSet *set = snapshot->find(1);
    ASSERT_NE(set, nullptr);
    std::vector<std::string> order;
    for (const auto &d : set->dests) order.push_back(d->uri);
    EXPECT_EQ(order, (std::vector<std::string>{"sip:10.0.0.2", "sip:10.0.0.4", "sip:10.0.0.3", "sip:10.0.0.1"}));
}

TEST(Snapshot, PrependsSipSkipsBadUrisAndUnresolvableHostsUnlessLoadModeAborts) {
    const auto parsed = parseListText("1 10.0.0.1:5070\n1 sip:[bad\n1 sip:no.such.host\n1 sip:srv.only 16\n", "x");
    auto none = [](const std::string &) { return std::vector<std::string>{}; };
    const auto built = buildSnapshot(parsed.rows, {}, none);
    ASSERT_EQ(built.error, "");
    EXPECT_EQ(built.warnings.size(), 2u);
    const auto &dests = built.snapshot->find(1)->dests;
    ASSERT_EQ(dests.size(), 2u);
    EXPECT_EQ(dests[1]->uri, "sip:10.0.0.1:5070");
    EXPECT_EQ(dests[1]->transport, Transport::Udp);
    EXPECT_EQ(dests[0]->uri, "sip:srv.only"); // flag 16: never resolved

    BuildOptions strict;
    strict.abort_on_bad_destination = true;
    EXPECT_NE(buildSnapshot(parsed.rows, strict, none).error.find("not a SIP URI"), std::string::npos);
}

TEST(Snapshot, AttrsAreParsed) {
    const auto snapshot = dispatcher_test::snapshotOf(
        "1 sip:10.0.0.1 0 0 duid=gw1;maxload=20;weight=150;rweight=30;cc=1;socket=udp:10.0.0.9:5060;custom=x;\n");
    const Attrs &a = snapshot->find(1)->dests[0]->attrs;
    EXPECT_EQ(a.body, "duid=gw1;maxload=20;weight=150;rweight=30;cc=1;socket=udp:10.0.0.9:5060;custom=x");
    EXPECT_EQ(a.duid, "gw1");
    EXPECT_EQ(a.maxload, 20);
    EXPECT_EQ(a.weight, 0) << "out of 1..100 is ignored, as Kamailio";
    EXPECT_EQ(a.rweight, 30);
    EXPECT_TRUE(a.cc);
    EXPECT_EQ(a.socket, "udp:10.0.0.9:5060");
}

TEST(Sqlite, LoadsKamailiosDispatcherTableWithExtraAttrs) {
    const auto path = std::filesystem::temp_directory_path() / ("ds_test_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE dispatcher (id INTEGER PRIMARY KEY, setid INTEGER NOT NULL DEFAULT 0,"
                           " destination VARCHAR(192) NOT NULL DEFAULT '', flags INTEGER NOT NULL DEFAULT 0,"
                           " priority INTEGER NOT NULL DEFAULT 0, attrs VARCHAR(198) NOT NULL DEFAULT '',"
                           " description VARCHAR(64) NOT NULL DEFAULT '', region TEXT DEFAULT 'eu');"
                           "INSERT INTO dispatcher (setid, destination, flags, priority, attrs) VALUES"
                           " (1, 'sip:10.0.0.1:5060', 8, 0, 'duid=a'), (2, 'sip:10.0.0.2', 0, 3, '');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    TableColumns columns;
    columns.extra = {{"region", "region"}};
    const TableLoad load = loadSqliteTable(path.string(), columns);
    ASSERT_EQ(load.error, "");
    ASSERT_EQ(load.rows.size(), 2u);
    EXPECT_EQ(load.rows[0].setid, 1);
    EXPECT_EQ(load.rows[0].flags, 8u);
    EXPECT_EQ(load.rows[0].attrs, "duid=a;region=eu");
    EXPECT_EQ(load.rows[1].priority, 3);
    EXPECT_EQ(load.rows[1].attrs, "region=eu");
    columns.table = "missing";
    EXPECT_NE(loadSqliteTable(path.string(), columns).error.find("cannot read table"), std::string::npos);
    EXPECT_EQ(sqlitePathOf("sqlite:///var/x.db"), "/var/x.db");
    EXPECT_EQ(sqlitePathOf("sqlite:rel.db"), "rel.db");
    std::filesystem::remove(path);
}

TEST(ConfigPath, RelativePathsStartAtTheConfigFolder) {
    EXPECT_EQ(resolveAgainst("/etc/sipline", "dispatcher.list"), "/etc/sipline/dispatcher.list");
    EXPECT_EQ(resolveAgainst("/etc/sipline", "/abs/x.list"), "/abs/x.list");
    EXPECT_EQ(resolveAgainst("", "x.list"), "x.list");
    EXPECT_EQ(resolveAgainst("/nonexistent-dir", "x.list"), "/nonexistent-dir/x.list") << "missing everywhere";
}

TEST(ConfigPath, AFileOnlyTheWorkingDirectoryHasIsFoundThere) {
    const std::string name = "ds-cwd-" + std::to_string(::getpid()) + ".list";
    { std::ofstream{name} << "1 sip:10.0.0.1\n"; }
    EXPECT_EQ(resolveAgainst("/nonexistent-dir", name), (std::filesystem::current_path() / name).string());
    std::filesystem::remove(name);
    EXPECT_EQ(configDirectoryOf(""), "") << "a host without a config file";
    EXPECT_EQ(configDirectoryOf("/etc/sipline/sipline.toml"), "/etc/sipline");
}

}  // namespace
}  // namespace sipline::dispatcher
