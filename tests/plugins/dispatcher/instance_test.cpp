// The plugin instance through a fake host: select and failover with $du/R-URI and the
// variables, is_from_list, the control commands' results and faults, keepalive probing, call
// load, and reloads swapping the lists while threads keep selecting.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "dispatcher_instance.hpp"
#include "fake_host.hpp"

namespace sipline::dispatcher {
namespace {

using dispatcher_test::FakeHost;
using dispatcher_test::FakeMessage;
using dispatcher_test::FakeRpcReply;
using dispatcher_test::FakeRun;
using nlohmann::json;

sipline_value_t intArg(int64_t n) { return {SIPLINE_VALUE_INT, 0, n, {}}; }
sipline_value_t strArg(const std::string &s) { return {SIPLINE_VALUE_STR, 0, 0, {s.data(), s.size()}}; }

constexpr const char *kList = "1 sip:10.0.0.1:5060 8 0 duid=a;weight=50\n"
                              "1 sip:10.0.0.2:5060 8 0 duid=b;weight=50\n"
                              "1 sip:10.0.0.3 8 0 duid=c\n"
                              "2 sip:192.0.2.50:5080 0 0\n";

class Instance : public ::testing::Test {
protected:
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() / ("ds_instance_" + std::to_string(::getpid()) + "_" +
                                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir);
        writeList(kList);
    }
    void TearDown() override {
        plugin.reset();
        std::filesystem::remove_all(dir);
    }
    void writeList(const std::string &text, const std::string &name = "dispatcher.list") {
        std::ofstream{dir / name} << text;
    }
    void make(const std::string &config = R"({"flags": 2})") {
        plugin = std::make_unique<DispatcherPlugin>(sdk::Host{host.table()}, config, dir.string());
        plugin->start();
    }
    sipline_rc call(sipline_rc (DispatcherPlugin::*fn)(sdk::Call &), FakeMessage &msg, FakeRun &run,
                    std::vector<sipline_value_t> args = {}) {
        sdk::Call c{sdk::Message{host.table(), msg.handle()}, run.handle(), args.data(),
                    static_cast<uint32_t>(args.size()), nullptr};
        return (plugin.get()->*fn)(c);
    }
    sipline_value_t pvar(PvarUse::Kind kind, const std::string &field, FakeMessage &msg, FakeRun &run) {
        std::unique_ptr<PvarUse> use{plugin->preparePvar(kind, field)};
        sipline_value_t out{};
        plugin->getPvar(*use, msg.handle(), run.handle(), &out);
        return out;
    }
    std::string pvarText(PvarUse::Kind kind, const std::string &field, FakeMessage &msg, FakeRun &run) {
        const auto v = pvar(kind, field, msg, run);
        return v.type == SIPLINE_VALUE_STR ? std::string{v.str.data, v.str.len} : v.type == SIPLINE_VALUE_INT ? std::to_string(v.integer) : "$null";
    }
    FakeRpcReply rpc(void (DispatcherPlugin::*fn)(sdk::RpcCall &), const std::string &params = "[]") {
        FakeRpcReply reply;
        sdk::RpcCall c{host.table(), {params.data(), params.size()}, reply.handle()};
        (plugin.get()->*fn)(c);
        return reply;
    }
    uint32_t flagsOf(int set, size_t index) { return plugin->snapshot()->find(set)->dests[index]->flags.load(); }
    FakeMessage invite(const std::string &call_id = "c1@test") {
        FakeMessage m;
        m.headers = {{"Call-ID", call_id}, {"From", "<sip:alice@example.com>;tag=1"}, {"To", "<sip:bob@example.com>"},
                     {"CSeq", "1 INVITE"}};
        return m;
    }

    std::filesystem::path dir;
    FakeHost host;
    std::unique_ptr<DispatcherPlugin> plugin;
};

TEST_F(Instance, SelectSetsDuAndNextWalksTheFailoverRecords) {
    make();
    FakeMessage msg = invite();
    FakeRun run;
    ASSERT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(1), intArg(4)}), 1);
    // Array order: equal priorities, later line first: .3, .2, .1.
    EXPECT_EQ(msg.dst_uri, "sip:10.0.0.3");
    EXPECT_EQ(pvarText(PvarUse::Kind::Ctx, "cnt", msg, run), "3");
    EXPECT_EQ(pvarText(PvarUse::Kind::Dst, "uri", msg, run), "sip:10.0.0.3");
    EXPECT_EQ(pvarText(PvarUse::Kind::Dst, "dstid", msg, run), "c");
    EXPECT_EQ(pvarText(PvarUse::Kind::Dst, "grp", msg, run), "1");
    EXPECT_EQ(call(&DispatcherPlugin::nextDst, msg, run), 1);
    EXPECT_EQ(msg.dst_uri, "sip:10.0.0.2:5060");
    EXPECT_EQ(pvarText(PvarUse::Kind::Attr, "weight", msg, run), "50");
    EXPECT_EQ(pvarText(PvarUse::Kind::Dst, "count", msg, run), "2");
    EXPECT_EQ(call(&DispatcherPlugin::markDst, msg, run, {strArg("ip")}), 1);
    EXPECT_EQ(flagsOf(1, 1), kInactive | kProbing);
    EXPECT_EQ(call(&DispatcherPlugin::nextDst, msg, run), 1);
    EXPECT_EQ(msg.dst_uri, "sip:10.0.0.1:5060");
    EXPECT_EQ(call(&DispatcherPlugin::nextDst, msg, run), -1) << "no record left";
    EXPECT_EQ(call(&DispatcherPlugin::setDst, msg, run), 1);
    EXPECT_EQ(call(&DispatcherPlugin::markDst, msg, run, {strArg("x")}), -1);

    // The marked destination is not selected any more; the limit caps the records.
    FakeMessage again = invite("c2@test");
    FakeRun run2;
    ASSERT_EQ(call(&DispatcherPlugin::selectDst, again, run2, {intArg(1), intArg(8), intArg(1)}), 1);
    EXPECT_EQ(pvarText(PvarUse::Kind::Ctx, "cnt", again, run2), "1");
}

TEST_F(Instance, WithoutFailoverFlagNextAndMarkFailButTheAttrsAreKnown) {
    make("{}");
    FakeMessage msg = invite();
    FakeRun run;
    ASSERT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(1), intArg(8)}), 1);
    EXPECT_EQ(pvarText(PvarUse::Kind::Dst, "uri", msg, run), "sip:10.0.0.3");
    EXPECT_EQ(call(&DispatcherPlugin::nextDst, msg, run), -1);
    EXPECT_EQ(call(&DispatcherPlugin::markDst, msg, run), -1);
}

TEST_F(Instance, ForceDstZeroRefusesAnExistingDu) {
    make(R"({"force_dst": 0})");
    FakeMessage msg = invite();
    msg.dst_uri = "sip:already@set";
    FakeRun run;
    EXPECT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(1), intArg(4)}), -1);
    EXPECT_EQ(msg.dst_uri, "sip:already@set");
    EXPECT_EQ(call(&DispatcherPlugin::selectDomain, msg, run, {intArg(2), intArg(4)}), 1) << "R-URI mode is not refused";
}

TEST_F(Instance, SelectDomainKeepsSchemeAndUser) {
    make();
    FakeMessage msg = invite();
    msg.ruri = "sip:bob@example.com;transport=udp";
    FakeRun run;
    ASSERT_EQ(call(&DispatcherPlugin::selectDomain, msg, run, {intArg(2), intArg(0)}), 1);
    EXPECT_EQ(msg.new_ruri, "sip:bob@192.0.2.50:5080");
    EXPECT_EQ(msg.dst_uri, "");
}

TEST_F(Instance, UnknownSetsAndAlgorithmInputsFail) {
    make();
    FakeMessage msg = invite();
    FakeRun run;
    EXPECT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(9), intArg(4)}), -1);
    EXPECT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(1), intArg(7)}), -1) << "alg 7 without hash_pvar";
    EXPECT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(1), intArg(10)}), -1) << "alg 10 without hash_size";
    msg.headers.clear();
    EXPECT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(1), intArg(0)}), -1) << "no Call-ID";
    EXPECT_EQ(call(&DispatcherPlugin::listExists, msg, run, {intArg(2)}), 1);
    EXPECT_EQ(call(&DispatcherPlugin::listExists, msg, run, {intArg(3)}), -1);
    EXPECT_EQ(call(&DispatcherPlugin::listExists, msg, run, {strArg("x")}), -2);
    EXPECT_EQ(call(&DispatcherPlugin::isActive, msg, run, {intArg(1)}), 1);
    EXPECT_EQ(call(&DispatcherPlugin::isActive, msg, run, {intArg(1), strArg("sip:10.0.0.3")}), 1);
}

TEST_F(Instance, SelectRoutesTriesSetsInOrder) {
    make();
    FakeMessage msg = invite();
    FakeRun run;
    EXPECT_EQ(call(&DispatcherPlugin::selectRoutes, msg, run, {strArg("7=4;2=4;1=8"), strArg("d")}), 1);
    EXPECT_EQ(msg.dst_uri, "sip:192.0.2.50:5080");
    EXPECT_EQ(pvarText(PvarUse::Kind::Ctx, "cnt", msg, run), "4");
    EXPECT_EQ(call(&DispatcherPlugin::selectRoutes, msg, run, {strArg("1=a"), strArg("d")}), -1);
}

TEST_F(Instance, IsFromListMatchesSourceAddressPortAndTransport) {
    make();
    FakeMessage msg = invite();
    FakeRun run;
    msg.source_address = "10.0.0.2";
    msg.source_port = 5060;
    EXPECT_EQ(call(&DispatcherPlugin::isFromList, msg, run), 1);
    EXPECT_EQ(pvarText(PvarUse::Kind::From, "setid", msg, run), "1");
    EXPECT_EQ(pvarText(PvarUse::Kind::From, "attrs", msg, run), "duid=b;weight=50");
    msg.source_port = 5099;
    FakeRun run2;
    EXPECT_EQ(call(&DispatcherPlugin::isFromList, msg, run2), -1) << "the destination names port 5060";
    EXPECT_EQ(call(&DispatcherPlugin::isFromList, msg, run2, {intArg(-1), intArg(3)}), 1) << "mode bit 1: any port";
    msg.source_address = "10.0.0.3"; // no port in its URI: any port matches
    EXPECT_EQ(call(&DispatcherPlugin::isFromList, msg, run2, {intArg(1)}), 1);
    EXPECT_EQ(call(&DispatcherPlugin::isFromList, msg, run2, {intArg(2)}), -1);
    msg.source_proto = SIPLINE_PROTO_TCP;
    EXPECT_EQ(call(&DispatcherPlugin::isFromList, msg, run2, {intArg(1), intArg(0)}), -1) << "UDP destination";
    EXPECT_EQ(call(&DispatcherPlugin::isFromList, msg, run2, {intArg(-1), intArg(0), strArg("sip:10.0.0.1:5060")}), 1);
}

TEST_F(Instance, ListHasKamailiosShape) {
    make(R"({"ping_latency_stats": 1})");
    const auto reply = rpc(&DispatcherPlugin::rpcList);
    ASSERT_TRUE(reply.result) << reply.fault->second;
    const json list = json::parse(*reply.result);
    EXPECT_EQ(list["NRSETS"], 2);
    const json &dest = list["RECORDS"][0]["SET"]["TARGETS"][0]["DEST"];
    EXPECT_EQ(list["RECORDS"][0]["SET"]["ID"], 1);
    EXPECT_EQ(dest["URI"], "sip:10.0.0.3");
    EXPECT_EQ(dest["FLAGS"], "AP");
    EXPECT_EQ(dest["PRIORITY"], 0);
    EXPECT_EQ(dest["ATTRS"]["DUID"], "c");
    EXPECT_EQ(dest["ATTRS"]["BODY"], "duid=c");
    EXPECT_TRUE(dest["LATENCY"].contains("EST"));
    EXPECT_FALSE(list["RECORDS"][1]["SET"]["TARGETS"][0]["DEST"].contains("ATTRS")) << "no attrs: no ATTRS";
    const json full = json::parse(*rpc(&DispatcherPlugin::rpcList, R"(["full"])").result);
    EXPECT_EQ(full["RECORDS"][1]["SET"]["TARGETS"][0]["DEST"]["PORT"], 5080);
    const json shortList = json::parse(*rpc(&DispatcherPlugin::rpcList, R"(["short"])").result);
    EXPECT_FALSE(shortList["RECORDS"][0]["SET"]["TARGETS"][0]["DEST"].contains("ATTRS"));
    EXPECT_EQ(rpc(&DispatcherPlugin::rpcList, R"(["long"])").fault->first, -32602) << "JSON-RPC Invalid params";
}

TEST_F(Instance, SetStateWithLettersAndClearFaults) {
    make();
    auto reply = rpc(&DispatcherPlugin::rpcSetState, R"(["ip", 1, "sip:10.0.0.1:5060"])");
    ASSERT_TRUE(reply.result);
    EXPECT_EQ(json::parse(*reply.result), "Ok. Dispatcher state updated.");
    EXPECT_EQ(flagsOf(1, 2), kInactive | kProbing);
    rpc(&DispatcherPlugin::rpcSetState, R"(["d", "1", "all"])");
    for (size_t i = 0; i < 3; ++i) EXPECT_EQ(flagsOf(1, i), kDisabled);
    // Bad arguments are JSON-RPC "Invalid params" (-32602); a failed update is Kamailio's 500.
    auto fault = *rpc(&DispatcherPlugin::rpcSetState, R"(["a", 1])").fault;
    EXPECT_EQ(fault.first, -32602);
    EXPECT_EQ(fault.second.rfind("Invalid Parameters", 0), 0u);
    fault = *rpc(&DispatcherPlugin::rpcSetState, R"(["z", 1, "all"])").fault;
    EXPECT_EQ(fault.first, -32602);
    EXPECT_EQ(fault.second.rfind("Unknown State Value", 0), 0u);
    fault = *rpc(&DispatcherPlugin::rpcSetState, R"(["a", 1, "sip:nope"])").fault;
    EXPECT_EQ(fault.first, 500);
    EXPECT_EQ(fault.second.rfind("State Update Failed", 0), 0u);
    EXPECT_EQ(rpc(&DispatcherPlugin::rpcSetState, R"({"x":1})").fault->first, -32602);
    ASSERT_TRUE(rpc(&DispatcherPlugin::rpcSetDuidState, R"(["a", 1, "b"])").result);
    EXPECT_EQ(flagsOf(1, 1), 0u);
}

TEST_F(Instance, ReloadSwapsTheListsAndRestoresStatesFromTheFile) {
    make();
    rpc(&DispatcherPlugin::rpcSetState, R"(["d", 1, "all"])");
    writeList("1 sip:10.0.0.7 0 0\n");
    const auto reply = rpc(&DispatcherPlugin::rpcReload);
    ASSERT_TRUE(reply.result);
    EXPECT_EQ(json::parse(*reply.result), "Ok. Dispatcher successfully reloaded.");
    ASSERT_EQ(plugin->snapshot()->find(1)->dests.size(), 1u);
    EXPECT_EQ(flagsOf(1, 0), 0u);
    writeList("bad line\n");
    EXPECT_EQ(rpc(&DispatcherPlugin::rpcReload).fault->second.rfind("Reload Failed", 0), 0u);
    EXPECT_EQ(plugin->snapshot()->find(1)->dests.size(), 1u) << "a failed reload keeps the lists";
}

TEST_F(Instance, ReloadKeepsTheRoundRobinPosition) {
    make();
    std::vector<std::string> picked;
    auto pick = [&] {
        FakeMessage msg = invite("rr-" + std::to_string(picked.size()));
        FakeRun run;
        EXPECT_EQ(call(&DispatcherPlugin::selectDst, msg, run, {intArg(1), intArg(4)}), 1);
        picked.push_back(msg.dst_uri);
    };
    pick();
    pick();
    ASSERT_TRUE(rpc(&DispatcherPlugin::rpcReload).result);
    pick(); // the third destination, not the first again
    EXPECT_EQ(picked, (std::vector<std::string>{"sip:10.0.0.3", "sip:10.0.0.2:5060", "sip:10.0.0.1:5060"}));
    // The destination due next (.3) moved to another index: it is still next.
    writeList("1 sip:10.0.0.3 0 0\n1 sip:10.0.0.9 0 0\n1 sip:10.0.0.1:5060 0 0\n"); // array .1 .9 .3
    ASSERT_TRUE(rpc(&DispatcherPlugin::rpcReload).result);
    pick();
    EXPECT_EQ(picked.back(), "sip:10.0.0.3");
    // The one due next (.1, index 0) is gone: the same position of the new array.
    writeList("1 sip:10.0.0.9 0 0\n1 sip:10.0.0.8 0 0\n"); // array .8 .9
    ASSERT_TRUE(rpc(&DispatcherPlugin::rpcReload).result);
    pick();
    EXPECT_EQ(picked.back(), "sip:10.0.0.8");
}

TEST_F(Instance, ReloadDeltaRefusesReloadsTooClose) {
    make(R"({"reload_delta": 60})");
    EXPECT_EQ(rpc(&DispatcherPlugin::rpcReload).fault->second, "Ongoing reload");
}

TEST_F(Instance, AddRemoveHashAndPingActive) {
    make();
    rpc(&DispatcherPlugin::rpcSetState, R"(["ip", 1, "sip:10.0.0.1:5060"])");
    ASSERT_TRUE(rpc(&DispatcherPlugin::rpcAdd, R"([1, "sip:10.0.0.9", 0, 0, "duid=z"])").result);
    ASSERT_EQ(plugin->snapshot()->find(1)->dests.size(), 4u);
    bool kept = false;
    for (const auto &d : plugin->snapshot()->find(1)->dests)
        if (d->uri == "sip:10.0.0.1:5060") kept = d->flags == (kInactive | kProbing);
    EXPECT_TRUE(kept) << "add keeps the states of the others";
    ASSERT_TRUE(rpc(&DispatcherPlugin::rpcRemove, R"([1, "sip:10.0.0.9"])").result);
    EXPECT_EQ(plugin->snapshot()->find(1)->dests.size(), 3u);
    EXPECT_TRUE(rpc(&DispatcherPlugin::rpcRemove, R"([1, "sip:10.0.0.9"])").fault);
    EXPECT_EQ(json::parse(*rpc(&DispatcherPlugin::rpcHash, R"([10, "alice", "example.com"])").result),
              json::parse(R"({"hashid": 1442294598, "slot": 8})"));
    EXPECT_EQ(*rpc(&DispatcherPlugin::rpcPingActive).result, R"({"OldPingState":1})");
    EXPECT_EQ(*rpc(&DispatcherPlugin::rpcPingActive, "[0]").result, R"({"NewPingState":0,"OldPingState":1})");
    EXPECT_EQ(rpc(&DispatcherPlugin::rpcOcList, "[5]").fault->first, 404);
}

TEST_F(Instance, ProbingMarksASilentDestinationInactiveAndBringsItBack) {
    make(R"({"ping_interval": 0.5, "ping_fr_timeout": 0.2, "probing_mode": 1, "ping_from": "sip:lb@test"})");
    ASSERT_EQ(host.timers.size(), 1u);
    EXPECT_EQ(host.timers[0].interval, 500u);
    host.fireTimers(500);
    ASSERT_EQ(host.sent.size(), 4u);
    EXPECT_EQ(host.sent[0].method, "OPTIONS");
    EXPECT_EQ(host.sent[0].from_uri, "sip:lb@test");
    EXPECT_EQ(host.sent[0].to_uri, host.sent[0].request_uri);
    EXPECT_EQ(host.sent[0].timeout_ms, 200u);
    auto isFirst = [](const dispatcher_test::SentRequest &r) { return r.request_uri == "sip:10.0.0.1:5060"; };
    EXPECT_EQ(host.answer(isFirst, 408), 1u);
    host.answerAll(200);
    EXPECT_EQ(flagsOf(1, 2), kInactive | kProbing);
    EXPECT_EQ(flagsOf(1, 1), kProbing);
    EXPECT_TRUE(host.logged("destination sip:10.0.0.1:5060 of set 1 is down"));
    host.fireTimers(500);
    host.answerAll(200);
    EXPECT_EQ(flagsOf(1, 2), kProbing);
    EXPECT_TRUE(host.logged("is up"));
    // A keepalive that cannot be sent is a failure too.
    host.refuse_requests = true;
    host.fireTimers(500);
    EXPECT_EQ(flagsOf(1, 0), kInactive | kProbing);
}

TEST_F(Instance, ProbingModeZeroProbesOnlyFlaggedOnesAndThresholdsCount) {
    make(R"({"ping_interval": 1, "probing_mode": 0, "probing_threshold": 2})");
    host.fireTimers(1000);
    EXPECT_EQ(host.sent.size(), 3u) << "set 2 has no probing flag";
    host.answerAll(408);
    EXPECT_EQ(flagsOf(1, 0), kTrying) << "mode 0 drops P; one failure of two";
    host.fireTimers(1000);
    EXPECT_EQ(host.sent.size(), 0u) << "P is gone: never probed again (Kamailio's mode 0)";
}

TEST_F(Instance, LateKeepaliveRepliesAfterStopAreIgnored) {
    make(R"({"ping_interval": 1, "probing_mode": 1})");
    host.fireTimers(1000);
    plugin->stop();
    EXPECT_EQ(host.answerAll(408), 4u);
    EXPECT_EQ(flagsOf(1, 0), kProbing);
}

TEST_F(Instance, CallLoadFollowsInvitesByesAndFailures) {
    writeList("1 sip:10.0.0.1 0 0 duid=a;maxload=1\n1 sip:10.0.0.2 0 0 duid=b;maxload=1\n");
    make(R"({"flags": 2, "hash_size": 4})");
    FakeMessage first = invite("load-1"), second = invite("load-2"), third = invite("load-3");
    FakeRun r1, r2, r3;
    ASSERT_EQ(call(&DispatcherPlugin::selectDst, first, r1, {intArg(1), intArg(10)}), 1);
    ASSERT_EQ(call(&DispatcherPlugin::selectDst, second, r2, {intArg(1), intArg(10)}), 1);
    EXPECT_NE(first.dst_uri, second.dst_uri);
    EXPECT_EQ(call(&DispatcherPlugin::selectDst, third, r3, {intArg(1), intArg(10)}), -1) << "both at maxload";
    FakeMessage bye = invite("load-1");
    bye.method = "BYE";
    plugin->onRequest(sdk::Message{host.table(), bye.handle()}, nullptr);
    ASSERT_EQ(call(&DispatcherPlugin::selectDst, third, r3, {intArg(1), intArg(10)}), 1);
    EXPECT_EQ(third.dst_uri, first.dst_uri);
    FakeMessage busy = invite("load-3");
    busy.is_request = false;
    busy.status = 486;
    plugin->onReply(sdk::Message{host.table(), busy.handle()}, nullptr);
    EXPECT_EQ(plugin->callLoad().size(), 1u);
    const json list = json::parse(*rpc(&DispatcherPlugin::rpcList).result);
    EXPECT_TRUE(list["RECORDS"][0]["SET"]["TARGETS"][0]["DEST"].contains("RUNTIME"));
}

TEST_F(Instance, ReloadUnderTrafficNeverShowsAHalfList) {
    const std::string a = "1 sip:10.0.0.1 0 0\n1 sip:10.0.0.2 0 0\n1 sip:10.0.0.3 0 0\n";
    const std::string b = "1 sip:10.0.1.1 0 0\n1 sip:10.0.1.2 0 0\n";
    writeList(a);
    make("{}");
    std::atomic<bool> done{false};
    std::atomic<int> failures{0}, selections{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
        workers.emplace_back([&] {
            const std::set<std::string> known{"sip:10.0.0.1", "sip:10.0.0.2", "sip:10.0.0.3", "sip:10.0.1.1", "sip:10.0.1.2"};
            while (!done) {
                FakeMessage msg = invite("x" + std::to_string(selections.load()));
                FakeRun run;
                sdk::Call c{sdk::Message{host.table(), msg.handle()}, run.handle(), nullptr, 0, nullptr};
                sipline_value_t args[] = {intArg(1), intArg(4)};
                c.args = args;
                c.arg_count = 2;
                const sipline_rc rc = plugin->selectDst(c);
                if (rc != 1 || !known.count(msg.dst_uri)) {
                    if (failures++ == 0) std::cout << "first failure: rc " << rc << " $du " << msg.dst_uri << "\n";
                }
                ++selections;
            }
        });
    for (int i = 0; i < 200; ++i) {
        writeList(i % 2 ? a : b);
        ASSERT_EQ(plugin->reload(), "");
    }
    done = true;
    for (auto &w : workers) w.join();
    std::cout << "[ reload   ] 200 reloads during " << selections << " selections, " << failures << " failures\n";
    EXPECT_EQ(failures, 0);
    EXPECT_GT(selections, 200);
}

TEST_F(Instance, AConfigThatCannotLoadIsRefused) {
    EXPECT_THROW(DispatcherPlugin(sdk::Host{host.table()}, R"({"list_file": "missing.list"})", dir.string()), sdk::ConfigError);
    EXPECT_THROW(DispatcherPlugin(sdk::Host{host.table()}, R"({"hash_mode": "md5"})", dir.string()), sdk::ConfigError);
    EXPECT_THROW(DispatcherPlugin(sdk::Host{host.table()}, R"({"ping_reply_codes": "code=1"})", dir.string()), sdk::ConfigError);
    EXPECT_THROW(DispatcherPlugin(sdk::Host{host.table()}, R"({"ping_interval": "x"})", dir.string()), sdk::ConfigError);
    EXPECT_THROW(DispatcherPlugin(sdk::Host{host.table()}, R"({"db_url": "sqlite:/nonexistent.db"})", dir.string()), sdk::ConfigError);
}

}  // namespace
}  // namespace sipline::dispatcher
