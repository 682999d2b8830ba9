// Start-up loading, reload, write-back on a clean stop, and the expiry timer.
#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "instance_fixture.hpp"
#include "sqlite_file.hpp"

namespace htable_test {
namespace {

using P = HtablePlugin;

class Lifecycle : public InstanceTest {
protected:
    std::string config(const std::string &tables) const {
        return R"({"db_url": "sqlite://)" + file.path() + R"(", "timer_interval": 2, "tables": )" + tables + "}";
    }
    SqliteFile file;
};

TEST_F(Lifecycle, LoadsAtStartAndReloadsAtomically) {
    file.createSchema();
    file.exec("INSERT INTO htable (key_name, value_type, key_value) VALUES ('10.0.0.1', 1, '1'), ('gw', 0, 'x')");
    make(config(R"([{"name": "ipban", "dbtable": "htable"}])"));
    EXPECT_EQ(sht("ipban=>10.0.0.1"), Read{int64_t{1}});
    assign("ipban=>runtime", num(5));

    file.exec("DELETE FROM htable WHERE key_name = '10.0.0.1'; INSERT INTO htable (key_name, key_value) VALUES ('new', 'y')");
    const FakeRpcReply reloaded = rpc<&P::rpcReload>(R"(["ipban"])");
    ASSERT_TRUE(reloaded.result) << reloaded.fault->second;
    EXPECT_EQ(*reloaded.result, "\"Ok. Htable reloaded.\"");
    EXPECT_EQ(sht("ipban=>10.0.0.1"), Read{});
    EXPECT_EQ(sht("ipban=>new"), Read{std::string{"y"}});
    EXPECT_EQ(sht("ipban=>runtime"), Read{}) << "a reload replaces everything, as in Kamailio";
}

TEST_F(Lifecycle, AFailedReloadKeepsTheCurrentContent) {
    file.createSchema();
    file.exec("INSERT INTO htable (key_name, key_value) VALUES ('a', 'x')");
    make(config(R"([{"name": "t", "dbtable": "htable"}, {"name": "nodb"}])"));
    file.exec("INSERT INTO htable (key_name, value_type, key_value) VALUES ('bad', 1, 'NaN')");
    const FakeRpcReply failed = rpc<&P::rpcReload>(R"(["t"])");
    ASSERT_TRUE(failed.fault);
    EXPECT_EQ(failed.fault->first, 500);
    EXPECT_NE(failed.fault->second.find("Htable reload failed: table \"t\""), std::string::npos) << failed.fault->second;
    EXPECT_EQ(sht("t=>a"), Read{std::string{"x"}});
    EXPECT_NE(rpc<&P::rpcReload>(R"(["nodb"])").fault->second.find("has no dbtable"), std::string::npos);
}

TEST_F(Lifecycle, MissingOrCorruptDatabasesRefuseToStart) {
    EXPECT_NE(refusal(config(R"([{"name": "t", "dbtable": "htable"}])"))
                  .find("htable: cannot load the tables from the database: the SQLite database file"),
              std::string::npos);
    std::ofstream{file.path()} << "this is not sqlite, this is a text file with enough bytes to be read as a header";
    EXPECT_NE(refusal(config(R"([{"name": "t", "dbtable": "htable"}])")).find("not a database"), std::string::npos);
}

TEST_F(Lifecycle, DbmodeOneWritesBackOnACleanStopOnly) {
    file.createSchema();
    file.exec("INSERT INTO htable (key_name, key_value) VALUES ('a', 'x')");
    make(config(R"([{"name": "t", "dbtable": "htable", "dbmode": 1}, {"name": "ro", "dbtable": "htable"}])"));
    assign("t=>added", num(7));
    assign("t=>a", null());
    plugin.reset(); // destroyed without stop(), as after --check-config: nothing written
    EXPECT_EQ(file.scalar("SELECT key_value FROM htable WHERE key_name = 'a'"), "x");

    make(config(R"([{"name": "t", "dbtable": "htable", "dbmode": 1}])"));
    plugin->start();
    assign("t=>added", num(7));
    assign("t=>a", null());
    plugin->stop();
    EXPECT_EQ(file.scalar("SELECT COUNT(*) FROM htable"), "1");
    EXPECT_EQ(file.scalar("SELECT key_value || '/' || value_type FROM htable WHERE key_name = 'added'"), "7/1");
}

TEST_F(Lifecycle, StoreCommand) {
    file.createSchema();
    make(config(R"([{"name": "t", "dbtable": "htable"}])"));
    assign("t=>k", str("v"));
    const FakeRpcReply stored = rpc<&P::rpcStore>(R"(["t"])");
    ASSERT_TRUE(stored.result) << stored.fault->second;
    EXPECT_EQ(*stored.result, "\"Ok. Htable successfully stored to DB.\"");
    EXPECT_EQ(file.scalar("SELECT key_value FROM htable WHERE key_name = 'k'"), "v");
}

TEST_F(Lifecycle, TheTimerRunsOnlyWithAutoexpireAndPurges) {
    make(R"({"tables": [{"name": "t"}]})");
    plugin->start();
    EXPECT_EQ(host.timerInterval(), 0u);
    plugin->stop();

    make(R"({"timer_interval": 3, "tables": [{"name": "t", "autoexpire": 5}]})");
    plugin->start();
    EXPECT_EQ(host.timerInterval(), 3000u);
    assign("t=>k", num(1));
    clock += 6;
    EXPECT_EQ(plugin->tables().find("t")->countAll(), 1u);
    host.fireTimer();
    EXPECT_EQ(plugin->tables().find("t")->countAll(), 0u);
    plugin->stop();
    EXPECT_EQ(host.timerInterval(), 0u);
}

TEST_F(Lifecycle, ReloadAtRefreshesFromTheDatabaseOnTheTimer) {
    file.createSchema();
    clock = static_cast<Seconds>(std::time(nullptr)); // the start-up load ran on the wall clock
    make(config(R"([{"name": "t", "dbtable": "htable", "reloadat": 10}])"));
    plugin->start();
    file.exec("INSERT INTO htable (key_name, key_value) VALUES ('later', 'x')");
    host.fireTimer();
    EXPECT_EQ(sht("t=>later"), Read{}) << "not due yet";
    clock += 10;
    host.fireTimer();
    EXPECT_EQ(sht("t=>later"), Read{std::string{"x"}});
    plugin->stop();
}

}  // namespace
}  // namespace htable_test
