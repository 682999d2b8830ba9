// Faults: a plugin whose start() fails stops the start-up cleanly with a message naming it;
// a daemon killed with SIGKILL keeps, after a restart, every htable entry that was written
// back to the database (dbmode = 1 writes back on a clean stop and on htable.store; a SIGKILL
// allows neither, so what survives is exactly the last write-back). A destination that goes
// away and returns under dispatcher probing is covered by dispatcher_test.cpp
// (KeepalivesTakeAKilledServerOutAndBringItBack).
#include <signal.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon_process.hpp"
#include "htable_config.hpp"
#include "htable_sqlite.hpp"
#include "requests.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

TEST(Faults, APluginWhoseStartFailsAbortsStartUpNamingIt) {
    TempDir dir;
    const std::string socket = (dir.path() / "control.sock").string();
    std::string config = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@", "tcp:127.0.0.1:@PORT@"]

[control]
socket = "@SOCKET@"

[plugins.sl]

[plugins.fails_start]
plugin_file = "@FIXTURE@"

[[route.request]]
reply = [200, "OK"]
)toml";
    replaceOnce(config, "@PORT@", std::to_string(freePort()));
    replaceOnce(config, "@PORT@", std::to_string(freePort()));
    replaceOnce(config, "@SOCKET@", socket);
    replaceOnce(config, "@FIXTURE@", SIPLINE_TEST_FAILS_START_PLUGIN);
    const auto file = dir.write("sipline.toml", config);
    const RunResult r = run({daemonPath(), "--config", file.string(), "--plugin-dir", pluginDir()}, 10s);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(file.string() + ":10: plugin 'fails_start' failed to start: cannot reach its backend "
                                            "(test fixture)"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(r.output.find("listening on"), std::string::npos) << "it never served\n" << r.output;
    struct stat info{};
    EXPECT_NE(::lstat(socket.c_str(), &info), 0) << "no control socket left behind";
}

constexpr const char *kSchema =
    "CREATE TABLE htable (id INTEGER PRIMARY KEY NOT NULL, key_name VARCHAR(64) DEFAULT '' NOT NULL, "
    "key_type INTEGER DEFAULT 0 NOT NULL, value_type INTEGER DEFAULT 0 NOT NULL, "
    "key_value VARCHAR(128) DEFAULT '' NOT NULL, expires INTEGER DEFAULT 0 NOT NULL);";

class KilledDaemon : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = files_.file("htable.db");
        SqliteApi::get().exec(db_, std::string{kSchema} +
                                       "INSERT INTO htable (key_name, key_value) VALUES ('mallory', 'fraud');");
    }
    std::unique_ptr<DaemonProcess> startDaemon() {
        std::string config = kBlockListConfig;
        replaceOnce(config, "@DB@", db_.string());
        auto daemon = std::make_unique<DaemonProcess>(config);
        EXPECT_TRUE(daemon->ready()) << daemon->log();
        return daemon;
    }
    // An OPTIONS to user@daemon: 403 when the user is in the table, 200 when not, 0 no answer.
    static int status(const DaemonProcess &daemon, const std::string &user) {
        SipSocket client{SipSocket::Kind::Udp};
        RequestSpec spec;
        spec.local_port = client.port();
        spec.ruri = "sip:" + user + "@127.0.0.1:" + std::to_string(daemon.port());
        spec.call_id = "kill-" + user + "@test";
        if (!client.sendTo(daemon.port(), request(spec))) return 0;
        const auto reply = client.receive(3s);
        return reply ? statusCode(*reply) : 0;
    }
    std::string rows() const {
        return SqliteApi::get().scalar(db_, "SELECT group_concat(key_name || '=' || key_value, ',') FROM "
                                            "(SELECT key_name, key_value FROM htable ORDER BY key_name)");
    }

    TempDir files_;
    std::filesystem::path db_;
};

TEST_F(KilledDaemon, EveryEntryWrittenBackSurvivesSigkillAndRestart) {
    auto daemon = startDaemon();
    ASSERT_TRUE(daemon->ready());
    daemon->rpc("htable.seti", json::array({"blocked", "trudy", 1}));
    daemon->rpc("htable.sets", json::array({"blocked", "oscar", "spam"}));
    EXPECT_EQ(daemon->rpc("htable.store", json::array({"blocked"})), "Ok. Htable successfully stored to DB.");
    // Changed after the last write-back: a SIGKILL gives no chance to write these.
    daemon->rpc("htable.seti", json::array({"blocked", "late", 1}));
    daemon->rpc("htable.delete", json::array({"blocked", "oscar"}));

    EXPECT_EQ(daemon->stop(SIGKILL), std::nullopt) << "killed, not stopped";
    daemon.reset();
    EXPECT_EQ(SqliteApi::get().scalar(db_, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(rows(), "mallory=fraud,oscar=spam,trudy=1") << "exactly the stored snapshot";

    auto restarted = startDaemon();
    ASSERT_TRUE(restarted->ready());
    for (const std::string user : {"mallory", "oscar", "trudy"})
        EXPECT_EQ(status(*restarted, user), 403) << user << " was written back";
    EXPECT_EQ(status(*restarted, "late"), 200) << "set after the last write-back: lost with the process";
    EXPECT_EQ(restarted->rpc("htable.get", json::array({"blocked", "trudy"}))["item"]["value"], 1);
    EXPECT_EQ(restarted->stop(), 0) << restarted->log();
}

TEST_F(KilledDaemon, AKilledDaemonStillWritesBackOnTheNextCleanStop) {
    auto daemon = startDaemon();
    ASSERT_TRUE(daemon->ready());
    daemon->rpc("htable.seti", json::array({"blocked", "trudy", 1}));
    daemon->stop(SIGKILL);
    daemon.reset();
    EXPECT_EQ(rows(), "mallory=fraud") << "nothing was written back";

    auto restarted = startDaemon();
    ASSERT_TRUE(restarted->ready());
    restarted->rpc("htable.seti", json::array({"blocked", "walter", 2}));
    EXPECT_EQ(restarted->stop(), 0) << restarted->log();
    EXPECT_EQ(rows(), "mallory=fraud,walter=2");
}

}  // namespace
}  // namespace sipline::test
