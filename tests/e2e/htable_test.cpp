// htable end to end: the real daemon with the IP-ban example and with a SQLite-backed table,
// driven by UDP requests and sipsak from 127.0.0.1, inspected and changed with siplinectl.
#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

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

void sql(const std::filesystem::path &file, const std::string &text) { SqliteApi::get().exec(file, text); }

std::string scalar(const std::filesystem::path &file, const std::string &query) {
    return SqliteApi::get().scalar(file, query);
}

constexpr const char *kSchema =
    "CREATE TABLE htable (id INTEGER PRIMARY KEY NOT NULL, key_name VARCHAR(64) DEFAULT '' NOT NULL, "
    "key_type INTEGER DEFAULT 0 NOT NULL, value_type INTEGER DEFAULT 0 NOT NULL, "
    "key_value VARCHAR(128) DEFAULT '' NOT NULL, expires INTEGER DEFAULT 0 NOT NULL);";

class HtableE2e : public ::testing::Test {
protected:
    void start(const std::string &config) {
        daemon_ = std::make_unique<DaemonProcess>(config);
        ASSERT_TRUE(daemon_->ready()) << daemon_->log();
    }
    void TearDown() override {
        if (daemon_) {
            EXPECT_EQ(daemon_->stop(), 0) << daemon_->log();
        }
    }
    // One OPTIONS from `socket`; the reply's status, 0 when none came.
    int options(SipSocket &socket, const std::string &user = "") {
        RequestSpec spec;
        spec.local_port = socket.port();
        spec.ruri = "sip:" + (user.empty() ? "" : user + "@") + "127.0.0.1:" + std::to_string(daemon_->port());
        spec.branch = "z9hG4bK-ht-" + std::to_string(++sequence_);
        spec.call_id = "ht-" + std::to_string(sequence_) + "@test";
        if (!socket.sendTo(daemon_->port(), request(spec))) return 0;
        const auto reply = socket.receive(3s);
        return reply ? statusCode(*reply) : 0;
    }
    RunResult ctl(std::vector<std::string> args) {
        args.insert(args.begin(), {siplinectlPath(), "--socket", daemon_->socket(), "--json"});
        return run(args, 10s);
    }
    json ctlJson(std::vector<std::string> args) {
        const RunResult result = ctl(std::move(args));
        EXPECT_EQ(result.exit_code, 0) << result.output;
        return json::parse(result.output, nullptr, false);
    }

    std::unique_ptr<DaemonProcess> daemon_;
    int sequence_ = 0;
};

// ---- the IP-ban example ---------------------------------------------------------------------

TEST_F(HtableE2e, AFloodingSourceIsBannedAndReleasedAfterTheExpiry) {
    start(ipbanExampleConfig());
    SipSocket client{SipSocket::Kind::Udp};
    for (int i = 1; i <= kBanThreshold; ++i) ASSERT_EQ(options(client), 200) << "request " << i << "\n" << daemon_->log();
    EXPECT_EQ(options(client), 403) << "request 51 exceeds the threshold";
    EXPECT_EQ(options(client), 403) << "banned";
    EXPECT_EQ(ctlJson({"htable.get", "ipban", "127.0.0.1"})["item"]["value"], 1);
    EXPECT_NE(daemon_->log().find("banning 127.0.0.1"), std::string::npos);

    // The ban (and the counting window) last 2 s in this config: released within 6 s.
    const auto deadline = std::chrono::steady_clock::now() + 6s;
    int status = 403;
    while (status == 403 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(250ms);
        status = options(client);
    }
    EXPECT_EQ(status, 200) << daemon_->log();
    // The sweep (every second here) has removed the expired ban by now.
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(ctlJson({"htable.stats"})[0]["all"], 0) << "ipban is empty after the sweep";
}

TEST_F(HtableE2e, SipsakFloodGetsItsSourceBanned) {
    start(ipbanExampleConfig());
    const auto flood = run({"sipsak", "-F", "-e", "80", "-s", "sip:127.0.0.1:" + std::to_string(daemon_->port())}, 20s);
    EXPECT_FALSE(flood.timed_out) << flood.output;
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    RunResult get;
    do {
        get = ctl({"htable.get", "ipban", "127.0.0.1"});
    } while (get.exit_code != 0 && std::chrono::steady_clock::now() < deadline);
    EXPECT_EQ(get.exit_code, 0) << get.output << "\n" << daemon_->log();
}

TEST_F(HtableE2e, BansSetAndLiftedThroughSiplinectl) {
    start(ipbanExampleConfig());
    SipSocket client{SipSocket::Kind::Udp};
    EXPECT_EQ(options(client), 200);
    RunResult set = ctl({"htable.seti", "ipban", "127.0.0.1", "1"});
    ASSERT_EQ(set.exit_code, 0) << set.output;
    EXPECT_NE(set.output.find("Ok. Key set to new value."), std::string::npos) << set.output;
    EXPECT_EQ(options(client), 403);
    const RunResult deleted = ctl({"htable.delete", "ipban", "127.0.0.1"});
    EXPECT_NE(deleted.output.find("Ok. Key deleted."), std::string::npos) << deleted.output;
    EXPECT_EQ(options(client), 200);
    ASSERT_EQ(ctl({"htable.sets", "ipban", "127.0.0.1", "by hand"}).exit_code, 0);
    EXPECT_EQ(options(client), 403) << "any value bans: the route tests for $null";
    ASSERT_EQ(ctl({"htable.flush", "ipban"}).exit_code, 0);
    EXPECT_EQ(options(client), 200);
}

TEST_F(HtableE2e, CountersAndTheInspectionCommands) {
    start(ipbanExampleConfig());
    SipSocket client{SipSocket::Kind::Udp};
    for (int i = 0; i < 3; ++i) ASSERT_EQ(options(client), 200);
    const json item = ctlJson({"htable.get", "ipcount", "127.0.0.1"})["item"];
    EXPECT_EQ(item["value"], 3) << item.dump();
    EXPECT_EQ(item["flags"], 0);
    EXPECT_NE(item["expire"], "NEVER");

    const json dump = ctlJson({"htable.dump", "ipcount"});
    ASSERT_EQ(dump.size(), 1u) << dump.dump();
    EXPECT_EQ(dump[0]["slot"][0], (json{{"name", "127.0.0.1"}, {"value", 3}, {"type", "int"}}));

    const json tables = ctlJson({"htable.listTables"});
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_EQ(tables[0], json::parse(R"({"name":"ipban","dbtable":"","dbmode":0,"expire":2,"updateexpire":1,)"
                                     R"("size":256,"dmqreplicate":0})"));
    EXPECT_EQ(tables[1]["updateexpire"], 0);

    const json stats = ctlJson({"htable.stats"});
    EXPECT_EQ(stats[1], json::parse(R"({"name":"ipcount","slots":256,"all":1,"min":0,"max":1})"));

    ASSERT_EQ(ctl({"htable.setex", "ipcount", "127.0.0.1", "100"}).exit_code, 0);
    ASSERT_EQ(ctl({"htable.seti", "ipcount", "course[0]", "7"}).exit_code, 0);
    EXPECT_EQ(ctlJson({"htable.get", "ipcount", "course[0]"})["item"]["value"], 7) << "array keys";
    EXPECT_EQ(ctl({"htable.delete", "ipcount", "course[0]"}).exit_code, 0);
}

TEST_F(HtableE2e, BadArgumentsAreJsonRpcErrors) {
    start(ipbanExampleConfig());
    RunResult r = ctl({"htable.seti", "ipban", "10.0.0.1", "abc"});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("value must be an integer"), std::string::npos) << r.output;
    r = ctl({"htable.get", "nosuch", "k"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("No such htable"), std::string::npos) << r.output;
    r = ctl({"htable.get", "ipban", "10.9.9.9"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("Key name doesn't exist in htable."), std::string::npos) << r.output;
    r = ctl({"htable.delete", "ipban"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("expected 2 param(s): table key"), std::string::npos) << r.output;
    r = ctl({"htable.reload", "ipban"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("No htable db_url"), std::string::npos) << r.output;
    const json error = controlCall(daemon_->socket(), "htable.seti", json::array({"ipban", "k", "x"}))["error"];
    EXPECT_EQ(error["code"], -32602) << error.dump();
}

// ---- a table loaded from SQLite -------------------------------------------------------------

class HtableSqlite : public HtableE2e {
protected:
    void SetUp() override {
        db_ = files_.file("htable.db");
        sql(db_, std::string{kSchema} + "INSERT INTO htable (key_name, key_value) VALUES ('mallory', 'fraud');");
    }
    std::string config() const {
        std::string text = kBlockListConfig;
        replaceOnce(text, "@DB@", db_.string());
        return text;
    }
    TempDir files_;
    std::filesystem::path db_;
};

TEST_F(HtableSqlite, LoadsAtStartAndReloadsAfterTheFileChanged) {
    start(config());
    SipSocket client{SipSocket::Kind::Udp};
    EXPECT_EQ(options(client, "mallory"), 403);
    EXPECT_EQ(options(client, "eve"), 200);
    sql(db_, "DELETE FROM htable; INSERT INTO htable (key_name, key_value) VALUES ('eve', 'spam');");
    EXPECT_EQ(options(client, "mallory"), 403) << "nothing changes before the reload";
    const RunResult reloaded = ctl({"htable.reload", "blocked"});
    ASSERT_EQ(reloaded.exit_code, 0) << reloaded.output;
    EXPECT_NE(reloaded.output.find("Ok. Htable reloaded."), std::string::npos);
    EXPECT_EQ(options(client, "mallory"), 200);
    EXPECT_EQ(options(client, "eve"), 403);
}

TEST_F(HtableSqlite, ReloadWhileTrafficFlowsLosesNoRequest) {
    start(config());
    std::atomic<bool> done{false};
    std::atomic<int> answered{0}, blocked{0}, sent{0};
    std::thread traffic{[&] {
        SipSocket client{SipSocket::Kind::Udp};
        while (!done || sent < 200) {
            ++sent;
            const int status = options(client, sent % 2 ? "mallory" : "eve");
            if (status != 0) ++answered;
            if (status == 403) ++blocked;
            if (sent >= 2000) break;
        }
    }};
    for (int i = 0; i < 20; ++i) {
        const json reply = controlCall(daemon_->socket(), "htable.reload", json::array({"blocked"}));
        EXPECT_EQ(reply["result"], "Ok. Htable reloaded.") << reply.dump();
        std::this_thread::sleep_for(20ms);
    }
    done = true;
    traffic.join();
    EXPECT_EQ(answered.load(), sent.load()) << "every request got its reply";
    EXPECT_EQ(blocked.load(), (sent.load() + 1) / 2) << "mallory stayed blocked through every reload";
}

TEST_F(HtableSqlite, DbmodeOneWritesTheTableBackOnACleanStop) {
    start(config());
    ASSERT_EQ(ctl({"htable.seti", "blocked", "trudy", "1"}).exit_code, 0);
    ASSERT_EQ(ctl({"htable.delete", "blocked", "mallory"}).exit_code, 0);
    ASSERT_EQ(daemon_->stop(), 0) << daemon_->log();
    daemon_.reset();
    EXPECT_EQ(scalar(db_, "SELECT key_value || '/' || value_type FROM htable WHERE key_name = 'trudy'"), "1/1");
    EXPECT_EQ(scalar(db_, "SELECT COUNT(*) FROM htable"), "1");
}

TEST_F(HtableSqlite, MissingOrCorruptDatabasesAreClearStartUpErrors) {
    std::string config_text = config();
    replaceOnce(config_text, "@PORT@", std::to_string(freePort()));
    const std::string section = ":" + std::to_string(std::count(config_text.begin(),
                                                                config_text.begin() + config_text.find("[plugins.htable]"), '\n') + 1);
    TempDir dir;
    std::string missing = config_text;
    replaceOnce(missing, db_.string(), (dir.path() / "nothing-here.db").string());
    replaceOnce(missing, "@SOCKET@", (dir.path() / "s.sock").string());
    const auto path = dir.write("missing.toml", missing);
    RunResult r = run({daemonPath(), "--config", path.string(), "--plugin-dir", pluginDir()}, 10s);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(path.string() + section + ": plugin 'htable' refused its configuration"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("nothing-here.db does not exist"), std::string::npos) << r.output;

    std::ofstream{db_, std::ios::trunc} << std::string(2048, 'x');
    std::string corrupt = config_text;
    replaceOnce(corrupt, "@SOCKET@", (dir.path() / "s.sock").string());
    const auto corrupt_path = dir.write("corrupt.toml", corrupt);
    r = run({daemonPath(), "--check-config", "--config", corrupt_path.string(), "--plugin-dir", pluginDir()}, 10s);
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("file is not a database"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace sipline::test
