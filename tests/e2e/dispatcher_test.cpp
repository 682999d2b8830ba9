// The dispatcher end to end: conf/examples/dispatcher.toml in front of three sipp media
// servers (round robin, a destination disabled from siplinectl, a killed one found by
// keepalives and brought back, reloads while calls flow), the control commands and their
// errors through siplinectl, and failover through a failure route with the stateful relay.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "daemon_process.hpp"
#include "dispatcher_config.hpp"
#include "dispatcher_peers.hpp"
#include "requests.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr uint16_t kProxyPort = 5060; // the example's own ports, free in the test's namespace
constexpr int kCalls = 30;

std::string flagsOf(const json &list, const std::string &uri) {
    for (const auto &record : list["RECORDS"])
        for (const auto &target : record["SET"]["TARGETS"])
            if (target["DEST"]["URI"] == uri) return target["DEST"]["FLAGS"];
    return "";
}

// Polls dispatcher.list every 20 ms until uri's flags are `want`: how long that took, or
// nullopt after `limit`.
std::optional<std::chrono::milliseconds> timeUntilFlags(const DaemonProcess &daemon, const std::string &uri,
                                                        const std::string &want, std::chrono::milliseconds limit) {
    const auto start = Clock::now();
    while (Clock::now() - start < limit) {
        if (flagsOf(daemon.rpc("dispatcher.list"), uri) == want)
            return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        std::this_thread::sleep_for(20ms);
    }
    return std::nullopt;
}

RunResult siplinectl(const DaemonProcess &daemon, std::vector<std::string> args) {
    args.insert(args.begin(), {siplinectlPath(), "--socket", daemon.socket()});
    return run(args, 10s);
}

// Calls per media server since `before`.
std::vector<size_t> callsSince(const std::vector<std::unique_ptr<SippUas>> &servers, const std::vector<size_t> &before) {
    std::vector<size_t> out;
    for (size_t i = 0; i < servers.size(); ++i) out.push_back(servers[i]->calls() - before[i]);
    return out;
}

std::vector<size_t> callsNow(const std::vector<std::unique_ptr<SippUas>> &servers) {
    return callsSince(servers, std::vector<size_t>(servers.size(), 0));
}

void print(const std::string &label, const std::vector<size_t> &counts) {
    std::cout << "[ per UAS  ] " << label << ": 5071=" << counts[0] << " 5072=" << counts[1] << " 5073=" << counts[2]
              << "\n";
}

// The example as shipped, in front of three sipp UAS on 127.0.0.1:5071..5073.
class DispatcherExample : public ::testing::Test {
protected:
    void start(const std::map<std::string, std::string> &overrides = {}) {
        // Fixed ports are only safe in a namespace of our own (ctest runs us through it).
        ASSERT_STREQ(std::getenv("SIPLINE_IN_NETNS"), "1") << "run through tests/support/netns-run.sh";
        for (const uint16_t port : {5071, 5072, 5073}) servers.push_back(std::make_unique<SippUas>(port, peers));
        daemon = std::make_unique<DaemonProcess>(exampleConfig(exampleFile("dispatcher.list"), overrides));
        ASSERT_TRUE(daemon->ready()) << daemon->log();
    }
    void callAndCheck(int calls) {
        const auto result = sippCalls(peers, kProxyPort, calls);
        ASSERT_EQ(result.exit_code, 0) << result.output << "\n--- daemon:\n" << daemon->log();
    }

    TempDir peers;
    std::vector<std::unique_ptr<SippUas>> servers;
    std::unique_ptr<DaemonProcess> daemon;
};

TEST_F(DispatcherExample, RoundRobinSplitsCallsEvenlyAndADisabledServerIsLeftOut) {
    start();
    callAndCheck(kCalls);
    const auto first = callsNow(servers);
    print("round robin, 30 calls", first);
    EXPECT_EQ(first, (std::vector<size_t>{10, 10, 10}));

    const auto disable = siplinectl(*daemon, {"dispatcher.set_state", "d", "1", "sip:127.0.0.1:5072"});
    ASSERT_EQ(disable.exit_code, 0) << disable.output;
    EXPECT_NE(disable.output.find("Ok. Dispatcher state updated."), std::string::npos) << disable.output;
    EXPECT_EQ(flagsOf(daemon->rpc("dispatcher.list"), "sip:127.0.0.1:5072"), "DX");

    callAndCheck(kCalls);
    const auto second = callsSince(servers, first);
    print("round robin, 5072 disabled, 30 calls", second);
    EXPECT_EQ(second, (std::vector<size_t>{15, 0, 15})) << "the other two share its turns evenly";

    ASSERT_EQ(siplinectl(*daemon, {"dispatcher.set_state", "a", "1", "sip:127.0.0.1:5072"}).exit_code, 0);
    const auto before = callsNow(servers);
    callAndCheck(kCalls);
    const auto after = callsSince(servers, before);
    print("round robin, 5072 active again, 30 calls", after);
    EXPECT_EQ(after, (std::vector<size_t>{10, 10, 10}));
}

TEST_F(DispatcherExample, KeepalivesTakeAKilledServerOutAndBringItBack) {
    // The example's keepalive settings, tightened so the test is short: a round every second,
    // a keepalive unanswered for 1 s fails, one failure makes it inactive, one answer active.
    // Down is then seen within interval + timeout (2 s), up within one interval (1 s); 500 ms
    // slack for scheduling. Three cycles, killing at different points of the keepalive round.
    start({{"ping_interval", "1"}, {"ping_fr_timeout", "1"}});
    const std::string dead = "sip:127.0.0.1:5073";
    ASSERT_TRUE(timeUntilFlags(*daemon, dead, "AP", 3s)) << daemon->log();
    std::this_thread::sleep_for(1200ms); // at least one answered round first

    for (const auto phase : {0ms, 350ms, 700ms}) {
        std::this_thread::sleep_for(phase);
        servers[2]->kill();
        const auto down = timeUntilFlags(*daemon, dead, "IP", 5s);
        ASSERT_TRUE(down) << "never marked inactive\n" << daemon->log();
        std::cout << "[ probing  ] killed -> inactive (IP) after " << down->count() << " ms (bound 2000 + 500 ms)\n";
        EXPECT_LE(*down, 2500ms);

        if (phase == 0ms) {
            const auto before = callsNow(servers);
            callAndCheck(20);
            const auto without = callsSince(servers, before);
            print("round robin, 5073 killed and inactive, 20 calls", without);
            EXPECT_EQ(without, (std::vector<size_t>{10, 10, 0}));
        }

        const auto restarted = Clock::now();
        servers[2]->start();
        ASSERT_TRUE(timeUntilFlags(*daemon, dead, "AP", 5s)) << "never came back\n" << daemon->log();
        const auto up = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - restarted);
        std::cout << "[ probing  ] restarted -> active (AP) after " << up.count() << " ms (bound 1000 + 500 ms)\n";
        EXPECT_LE(up, 1500ms) << "the next keepalive round finds it";
    }

    const auto log = daemon->log();
    EXPECT_NE(log.find("destination " + dead + " of set 1 is down"), std::string::npos) << log;
    EXPECT_NE(log.find("destination " + dead + " of set 1 is up"), std::string::npos) << log;

    const auto back = callsNow(servers);
    callAndCheck(kCalls);
    const auto again = callsSince(servers, back);
    print("round robin, 5073 back, 30 calls", again);
    EXPECT_EQ(again, (std::vector<size_t>{10, 10, 10}));
}

// dispatcher.reload swaps the lists while calls flow: every call completes and lands on a
// destination of the list in force (the new list drops 5073 halfway).
TEST_F(DispatcherExample, ReloadingWhileCallsFlowLosesNoCall) {
    const auto list = peers.write("dispatcher.list", readFile(exampleFile("dispatcher.list")));
    for (const uint16_t port : {5071, 5072, 5073}) servers.push_back(std::make_unique<SippUas>(port, peers));
    ASSERT_STREQ(std::getenv("SIPLINE_IN_NETNS"), "1") << "run through tests/support/netns-run.sh";
    daemon = std::make_unique<DaemonProcess>(exampleConfig(list));
    ASSERT_TRUE(daemon->ready()) << daemon->log();

    constexpr int kFlowing = 60; // 3 s at 20 calls per second
    Process uac{sippCallsCommand(peers, kProxyPort, kFlowing), peers.file("uac.out").string()};
    int reloads = 0;
    for (int i = 0; i < 25 && uac.running(); ++i, ++reloads) {
        if (i == 12) {
            peers.write("dispatcher.list", "1 sip:127.0.0.1:5071 8 0\n1 sip:127.0.0.1:5072 8 0\n");
            std::cout << "[ reload   ] list without 5073 from reload " << i << "\n";
        }
        ASSERT_EQ(siplinectl(*daemon, {"dispatcher.reload"}).exit_code, 0);
        std::this_thread::sleep_for(100ms);
    }
    ASSERT_EQ(uac.wait(40s), 0) << readFile(peers.file("uac.out")) << "\n--- daemon:\n" << daemon->log();
    const auto counts = callsNow(servers);
    print("round robin, 60 calls during " + std::to_string(reloads) + " reloads", counts);
    EXPECT_EQ(counts[0] + counts[1] + counts[2], static_cast<size_t>(kFlowing));
    EXPECT_GT(counts[2], 0u) << "5073 served calls before it left the list";
    EXPECT_LT(counts[2], counts[0]) << "and none after";
    // Round robin goes on across reloads (a reset pointer would favour the first destinations).
    EXPECT_LE(std::max(counts[0], counts[1]) - std::min(counts[0], counts[1]), 2u);
    EXPECT_EQ(daemon->rpc("dispatcher.list")["RECORDS"][0]["SET"]["TARGETS"].size(), 2u);
}

// The control commands through siplinectl on a list of our own, so reload can change it.
class DispatcherControl : public ::testing::Test {
protected:
    void SetUp() override {
        list = files.write("dispatcher.list", "1 sip:127.0.0.1:5071 0 0 duid=ms1;weight=50\n"
                                              "1 sip:127.0.0.1:5072 0 0 duid=ms2;weight=50\n");
        daemon = std::make_unique<DaemonProcess>(exampleConfig(list));
        ASSERT_TRUE(daemon->ready()) << daemon->log();
    }
    TempDir files;
    std::filesystem::path list;
    std::unique_ptr<DaemonProcess> daemon;
};

TEST_F(DispatcherControl, ListShowsSetsDestinationsStatesAndAttrs) {
    const auto result = siplinectl(*daemon, {"--json", "dispatcher.list"});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const json list = json::parse(result.output);
    EXPECT_EQ(list["NRSETS"], 1);
    const json &targets = list["RECORDS"][0]["SET"]["TARGETS"];
    ASSERT_EQ(targets.size(), 2u);
    // Kamailio's array order: equal priorities, the later line first.
    EXPECT_EQ(targets[0]["DEST"]["URI"], "sip:127.0.0.1:5072");
    EXPECT_EQ(targets[0]["DEST"]["FLAGS"], "AX");
    EXPECT_EQ(targets[0]["DEST"]["ATTRS"]["DUID"], "ms2");
    EXPECT_EQ(targets[0]["DEST"]["ATTRS"]["WEIGHT"], 50);
}

TEST_F(DispatcherControl, ReloadSwapsInTheEditedList) {
    files.write("dispatcher.list", "1 sip:127.0.0.1:5071\n1 sip:127.0.0.1:5072\n2 sip:127.0.0.1:5081 8 5\n");
    const auto result = siplinectl(*daemon, {"dispatcher.reload"});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("Ok. Dispatcher successfully reloaded."), std::string::npos) << result.output;
    const json list = daemon->rpc("dispatcher.list");
    EXPECT_EQ(list["NRSETS"], 2);
    EXPECT_EQ(flagsOf(list, "sip:127.0.0.1:5081"), "AP");

    // A broken list is refused and the running one kept.
    files.write("dispatcher.list", "1 sip:127.0.0.1:5071\nnot-a-set sip:127.0.0.1:5072\n");
    const auto broken = siplinectl(*daemon, {"dispatcher.reload"});
    EXPECT_EQ(broken.exit_code, 1) << broken.output;
    EXPECT_NE(broken.output.find("Reload Failed"), std::string::npos) << broken.output;
    EXPECT_EQ(daemon->rpc("dispatcher.list")["NRSETS"], 2);
}

TEST_F(DispatcherControl, BadArgumentsAreClearJsonRpcErrors) {
    struct Case {
        std::vector<std::string> args;
        int code;
        std::string message; // the start of the error message
    };
    const std::vector<Case> cases = {
        {{"dispatcher.set_state", "z", "1", "all"}, -32602, "Unknown State Value"},
        {{"dispatcher.set_state", "dp", "1", "all"}, -32602, "Unknown State Value"},
        {{"dispatcher.set_state", "a", "1"}, -32602, "Invalid Parameters"},
        {{"dispatcher.set_state", "a", "9", "all"}, 500, "State Update Failed"},
        {{"dispatcher.set_state", "a", "1", "sip:127.0.0.1:9999"}, 500, "State Update Failed"},
        {{"dispatcher.list", "long"}, -32602, "Invalid Parameters"},
        {{"dispatcher.ping_active", "7"}, -32602, "Invalid Parameters"},
        {{"dispatcher.add", "x"}, -32602, "Invalid Parameters"},
        {{"dispatcher.oclist", "42"}, 404, "Destination Group Not Found"},
    };
    for (const auto &c : cases) {
        const auto result = siplinectl(*daemon, c.args);
        EXPECT_EQ(result.exit_code, 1) << c.args[0] << ": " << result.output;
        EXPECT_NE(result.output.find("error: " + std::to_string(c.code) + " " + c.message), std::string::npos)
            << c.args[0] << " " << c.args[1] << ": " << result.output;
        // The same through raw JSON-RPC: an error object, never a result.
        json params = json::array();
        for (size_t i = 1; i < c.args.size(); ++i) params.push_back(c.args[i]);
        const json response = controlCall(daemon->socket(), c.args[0], params);
        ASSERT_TRUE(response.contains("error")) << response.dump();
        EXPECT_EQ(response["error"]["code"], c.code) << response.dump();
    }
}

// A reply built from a received request, as a UAS builds it.
std::string replyTo(const std::string &request, int code, const std::string &reason) {
    std::string out = "SIP/2.0 " + std::to_string(code) + " " + reason + "\r\n";
    size_t at = 0;
    while ((at = request.find("\r\nVia: ", at)) != std::string::npos) {
        const size_t end = request.find("\r\n", at + 2);
        out += request.substr(at + 2, end - at);
        at = end;
    }
    out += "From: " + headerValue(request, "From") + "\r\n";
    out += "To: " + headerValue(request, "To") + ";tag=uas-" + std::to_string(code) + "\r\n";
    out += "Call-ID: " + headerValue(request, "Call-ID") + "\r\n";
    out += "CSeq: " + headerValue(request, "CSeq") + "\r\n";
    return out + "Content-Length: 0\r\n\r\n";
}

std::optional<std::string> awaitMessage(SipSocket &s, const std::string &start, std::chrono::milliseconds limit) {
    const auto until = Clock::now() + limit;
    while (Clock::now() < until) {
        auto m = s.receive(std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()));
        if (m && m->rfind(start, 0) == 0) return m;
    }
    return std::nullopt;
}

// dispatcher.mark and dispatcher.next in a failure route with the stateful relay: the first
// destination answers 503, the second says nothing (408 after fr_timer), the third answers.
TEST(DispatcherFailover, FailureRouteMarksAndMovesToTheNextDestination) {
    SipSocket caller{SipSocket::Kind::Udp}, busy{SipSocket::Kind::Udp}, silent{SipSocket::Kind::Udp},
        healthy{SipSocket::Kind::Udp};
    TempDir files;
    auto uri = [](const SipSocket &s) { return "sip:127.0.0.1:" + std::to_string(s.port()); };
    // Priorities 30, 20, 10: alg 8 tries them in that order.
    const auto list = files.write("ds.list", "1 " + uri(busy) + " 0 30\n1 " + uri(silent) + " 0 20\n1 " +
                                                 uri(healthy) + " 0 10\n");
    std::string config = kFailoverConfig;
    replaceOnce(config, "@LIST@", list.string());
    DaemonProcess daemon{config};
    ASSERT_TRUE(daemon.ready()) << daemon.log();

    RequestSpec invite;
    invite.method = "INVITE";
    invite.ruri = "sip:bob@127.0.0.1:" + std::to_string(daemon.port());
    invite.local_port = caller.port();
    invite.branch = "z9hG4bK-ds-f1";
    invite.call_id = "ds-failover-1@test";
    ASSERT_TRUE(caller.sendTo(daemon.port(), request(invite)));

    const auto at_busy = awaitMessage(busy, "INVITE ", 2s);
    ASSERT_TRUE(at_busy) << daemon.log();
    busy.sendTo(daemon.port(), replyTo(*at_busy, 503, "Service Unavailable"));
    ASSERT_TRUE(awaitMessage(busy, "ACK ", 2s)) << "hop-by-hop ACK for the 503";

    ASSERT_TRUE(awaitMessage(silent, "INVITE ", 2s)) << daemon.log();
    const auto at_healthy = awaitMessage(healthy, "INVITE ", 3s); // fr_timer = 1 s
    ASSERT_TRUE(at_healthy) << daemon.log();
    EXPECT_EQ(headerValue(*at_healthy, "Call-ID"), "ds-failover-1@test");
    healthy.sendTo(daemon.port(), replyTo(*at_healthy, 200, "OK"));
    const auto ok = awaitMessage(caller, "SIP/2.0 200 OK", 2s);
    ASSERT_TRUE(ok) << daemon.log();

    const json list_now = daemon.rpc("dispatcher.list");
    EXPECT_EQ(flagsOf(list_now, uri(busy)), "IP") << "marked by the failure route";
    EXPECT_EQ(flagsOf(list_now, uri(silent)), "IP");
    EXPECT_EQ(flagsOf(list_now, uri(healthy)), "AX");
    const auto log = daemon.log();
    EXPECT_NE(log.find("destination " + uri(busy) + " failed with 503"), std::string::npos) << log;
    EXPECT_NE(log.find("destination " + uri(silent) + " failed with 408"), std::string::npos) << log;

    // The next call skips the two marked ones at once.
    invite.branch = "z9hG4bK-ds-f2";
    invite.call_id = "ds-failover-2@test";
    ASSERT_TRUE(caller.sendTo(daemon.port(), request(invite)));
    ASSERT_TRUE(awaitMessage(healthy, "INVITE ", 2s)) << daemon.log();
}

// When next finds no destination left, the failure route ends and the best reply goes up.
TEST(DispatcherFailover, WhenEveryDestinationFailsTheCallerGetsTheBestReply) {
    SipSocket caller{SipSocket::Kind::Udp}, first{SipSocket::Kind::Udp}, second{SipSocket::Kind::Udp};
    TempDir files;
    auto uri = [](const SipSocket &s) { return "sip:127.0.0.1:" + std::to_string(s.port()); };
    const auto list = files.write("ds.list", "1 " + uri(first) + " 0 20\n1 " + uri(second) + " 0 10\n");
    std::string config = kFailoverConfig;
    replaceOnce(config, "@LIST@", list.string());
    DaemonProcess daemon{config};
    ASSERT_TRUE(daemon.ready()) << daemon.log();

    RequestSpec invite;
    invite.method = "INVITE";
    invite.ruri = "sip:bob@127.0.0.1:" + std::to_string(daemon.port());
    invite.local_port = caller.port();
    invite.branch = "z9hG4bK-ds-all";
    invite.call_id = "ds-all-fail@test";
    ASSERT_TRUE(caller.sendTo(daemon.port(), request(invite)));
    for (SipSocket *hop : {&first, &second}) {
        const auto at = awaitMessage(*hop, "INVITE ", 2s);
        ASSERT_TRUE(at) << daemon.log();
        hop->sendTo(daemon.port(), replyTo(*at, 503, "Service Unavailable"));
    }
    // RFC 3261 16.7: a 503 from downstream goes upstream as 500.
    const auto final_reply = awaitMessage(caller, "SIP/2.0 500 ", 3s);
    ASSERT_TRUE(final_reply) << daemon.log();
    EXPECT_EQ(headerValue(*final_reply, "Call-ID"), "ds-all-fail@test");
    const json list_now = daemon.rpc("dispatcher.list");
    EXPECT_EQ(flagsOf(list_now, uri(first)), "IP");
    EXPECT_EQ(flagsOf(list_now, uri(second)), "IP");
}

}  // namespace
}  // namespace sipline::test
