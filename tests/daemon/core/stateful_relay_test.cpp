// The transaction state machines of the stateful relay (RFC 3261 17 and 16.7-16.10) on a clock
// the test moves: every timer (A, B/fr_timer, fr_inv_timer, E, G, H, I, wait), retransmissions
// on both sides, CANCEL before and after ringing, and a 200 that races the CANCEL.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "relay_harness.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;

config::RelayConfig timers(unsigned fr_timer_ms = 30000, unsigned fr_inv_timer_ms = 120000) {
    config::RelayConfig c;
    c.fr_timer_ms = fr_timer_ms;
    c.fr_inv_timer_ms = fr_inv_timer_ms;
    return c;
}

// The messages sent to one side, by start line.
std::vector<std::string> startLines(const std::vector<SentMessage> &sent, uint16_t port) {
    std::vector<std::string> out;
    for (const auto &m : sent)
        if (m.port == port) out.push_back(m.startLine());
    return out;
}

// The first message sent to the next hop whose start line begins with `method`.
std::string sentDownstream(const std::vector<SentMessage> &sent, const std::string &method) {
    for (const auto &m : sent)
        if (m.port == kNextHopPort && m.bytes.rfind(method + " ", 0) == 0) return m.bytes;
    return "";
}

const std::string kInviteLine = "INVITE sip:bob@example.com SIP/2.0";

// Every request relayed to the next hop with the failure route [[route.retry]] armed.
std::string failoverConfig(const std::string &retry_route) {
    return withCore(R"toml(
[control]
enabled = false

[[route.request]]
set = { "$du" = "sip:127.0.0.1:5080" }

[[route.request]]
do = "on_failure:retry"

[[route.request]]
do = "relay"

[[route.retry]]
)toml" + retry_route);
}

TEST(StatefulRelay, InviteIsTriedAndRetransmittedWithTimerADoublingFromT1) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("INVITE"));
    auto sent = h.takeSent();
    EXPECT_EQ(startLines(sent, kRequesterPort), std::vector<std::string>{"SIP/2.0 100 Trying"});
    EXPECT_EQ(startLines(sent, kNextHopPort), std::vector<std::string>{kInviteLine});

    // Timer A: T1, then 2*T1, 4*T1 after each retransmission.
    std::vector<int> retransmitted_at;
    for (int ms = 10; ms <= 7500; ms += 10) {
        h.advance(10ms);
        for (const auto &m : h.takeSent())
            if (m.port == kNextHopPort && m.startLine() == kInviteLine) retransmitted_at.push_back(ms);
    }
    EXPECT_EQ(retransmitted_at, (std::vector<int>{500, 1500, 3500, 7500}));
}

TEST(StatefulRelay, AProvisionalStopsTimerAAndGoesUpstream) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 180 Ringing"});
    h.advanceInSteps(20s, 100ms);
    EXPECT_TRUE(h.takeSent().empty()) << "no retransmission once it rings, no timeout before fr_inv_timer";
}

TEST(StatefulRelay, NonInviteRetransmissionsAreCappedAtT2ByTimerE) {
    RelayHarness h{timers(32000)};
    h.fromRequester(requesterRequest("OPTIONS"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort).size(), 0u) << "no 100 Trying for a non-INVITE";
    std::vector<int> retransmitted_at;
    for (int ms = 10; ms <= 20000; ms += 10) {
        h.advance(10ms);
        for (const auto &m : h.takeSent())
            if (m.port == kNextHopPort) retransmitted_at.push_back(ms);
    }
    // 500, 1000, 2000 apart, then T2 = 4000 apart.
    EXPECT_EQ(retransmitted_at, (std::vector<int>{500, 1500, 3500, 7500, 11500, 15500, 19500}));
}

TEST(StatefulRelay, FrTimerEndsASilentBranchWith408AndTimerGRepeatsItUntilTheAck) {
    RelayHarness h{timers(5000)};
    h.fromRequester(requesterRequest("INVITE"));
    h.takeSent();
    h.advanceInSteps(4990ms);
    EXPECT_TRUE(startLines(h.takeSent(), kRequesterPort).empty());
    h.advanceInSteps(20ms);
    auto upstream = startLines(h.takeSent(), kRequesterPort);
    ASSERT_EQ(upstream, std::vector<std::string>{"SIP/2.0 408 Request Timeout"});

    // Timer G: the 408 again after T1, then 2*T1.
    h.advanceInSteps(500ms);
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 408 Request Timeout"});
    h.advanceInSteps(1000ms);
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 408 Request Timeout"});

    // The ACK ends Timer G; Timer I (T4) then frees the transaction.
    h.fromRequester(requesterRequest("ACK"));
    EXPECT_TRUE(h.takeSent().empty()) << "the ACK for our 408 is absorbed, not relayed";
    h.advanceInSteps(4000ms, 100ms);
    EXPECT_TRUE(startLines(h.takeSent(), kRequesterPort).empty());
    EXPECT_EQ(h.transactions(), 1u);
    h.advanceInSteps(1200ms, 100ms);
    EXPECT_EQ(h.transactions(), 0u);
}

TEST(StatefulRelay, TimerHGivesUpWhenTheAckNeverComes) {
    RelayHarness h{timers(1000)};
    h.fromRequester(requesterRequest("INVITE"));
    h.advanceInSteps(1100ms);
    h.takeSent();
    int repeats = 0;
    for (int step = 0; step < 340; ++step) { // 34 s in 100 ms steps: past 64*T1 = 32 s
        h.advance(100ms);
        repeats += static_cast<int>(startLines(h.takeSent(), kRequesterPort).size());
    }
    // G fires at 0.5, 1.5, 3.5, 7.5, then every T2 (4 s) until H at 32 s: 11.5 ... 31.5.
    EXPECT_EQ(repeats, 10);
    EXPECT_EQ(h.transactions(), 0u);
}

TEST(StatefulRelay, FrInvTimerCancelsARingingBranchAndAnswers408) {
    RelayHarness h{timers(5000, 8000)};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    h.takeSent();
    h.advanceInSteps(7900ms, 100ms);
    EXPECT_TRUE(h.takeSent().empty()) << "fr_timer no longer applies once it rang";
    h.advanceInSteps(200ms, 100ms);
    const auto sent = h.takeSent();
    EXPECT_EQ(startLines(sent, kNextHopPort), std::vector<std::string>{"CANCEL sip:bob@example.com SIP/2.0"});
    EXPECT_EQ(startLines(sent, kRequesterPort), std::vector<std::string>{"SIP/2.0 408 Request Timeout"});

    // The callee's 487 for the cancelled INVITE is ACKed hop by hop and not sent upstream.
    h.fromNextHop(nextHopReply(invite, 487, "Request Terminated"));
    const auto after = h.takeSent();
    EXPECT_EQ(startLines(after, kNextHopPort), std::vector<std::string>{"ACK sip:bob@example.com SIP/2.0"});
    EXPECT_TRUE(startLines(after, kRequesterPort).empty());
}

TEST(StatefulRelay, RetransmittedRequestsAreAbsorbedAndAnsweredWithTheLastReply) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromRequester(requesterRequest("INVITE"));
    auto sent = h.takeSent();
    EXPECT_TRUE(startLines(sent, kNextHopPort).empty()) << "the next hop sees the INVITE once";
    EXPECT_EQ(startLines(sent, kRequesterPort), std::vector<std::string>{"SIP/2.0 100 Trying"});

    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    h.takeSent();
    h.fromRequester(requesterRequest("INVITE"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 180 Ringing"});
}

TEST(StatefulRelay, ARetransmitted2xxIsRelayedAndANegativeFinalReAcked) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromNextHop(nextHopReply(invite, 486, "Busy Here"));
    auto sent = h.takeSent();
    EXPECT_EQ(startLines(sent, kNextHopPort), std::vector<std::string>{"ACK sip:bob@example.com SIP/2.0"});
    EXPECT_EQ(startLines(sent, kRequesterPort), std::vector<std::string>{"SIP/2.0 486 Busy Here"});
    h.fromNextHop(nextHopReply(invite, 486, "Busy Here"));
    sent = h.takeSent();
    EXPECT_EQ(startLines(sent, kNextHopPort), std::vector<std::string>{"ACK sip:bob@example.com SIP/2.0"});
    EXPECT_TRUE(startLines(sent, kRequesterPort).empty()) << "the requester got its 486 already";
}

TEST(StatefulRelay, CancelBeforeAnyProvisionalSendsNoCancelUntilItRings) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromRequester(requesterRequest("CANCEL"));
    auto sent = h.takeSent();
    EXPECT_TRUE(startLines(sent, kNextHopPort).empty()) << "RFC 3261 9.1: no CANCEL before a provisional";
    EXPECT_EQ(startLines(sent, kRequesterPort),
              (std::vector<std::string>{"SIP/2.0 200 OK", "SIP/2.0 487 Request Terminated"}));
    h.advanceInSteps(3s, 100ms);
    for (const auto &m : h.takeSent()) EXPECT_NE(m.startLine(), kInviteLine) << "Timer A stopped";

    // It rings after all: now it gets its CANCEL, and its 487 is ACKed.
    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    sent = h.takeSent();
    EXPECT_EQ(startLines(sent, kNextHopPort), std::vector<std::string>{"CANCEL sip:bob@example.com SIP/2.0"});
    EXPECT_TRUE(startLines(sent, kRequesterPort).empty()) << "the requester's transaction is over";
    h.fromNextHop(nextHopReply(invite, 487, "Request Terminated"));
    EXPECT_EQ(startLines(h.takeSent(), kNextHopPort), std::vector<std::string>{"ACK sip:bob@example.com SIP/2.0"});
}

TEST(StatefulRelay, CancelAfterRingingIsRelayedAndThe487GoesUpstream) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    h.takeSent();
    h.fromRequester(requesterRequest("CANCEL"));
    auto sent = h.takeSent();
    const std::string cancel = sentDownstream(sent, "CANCEL");
    ASSERT_FALSE(cancel.empty());
    EXPECT_EQ(headerLine(cancel, "Via"), headerLine(invite, "Via")) << "a CANCEL carries its INVITE's top Via";
    EXPECT_EQ(startLines(sent, kRequesterPort), std::vector<std::string>{"SIP/2.0 200 OK"});

    h.fromNextHop(nextHopReply(cancel, 200, "OK")); // the answer to our CANCEL stays here
    EXPECT_TRUE(h.takeSent().empty());
    h.fromNextHop(nextHopReply(invite, 487, "Request Terminated"));
    sent = h.takeSent();
    EXPECT_EQ(startLines(sent, kNextHopPort), std::vector<std::string>{"ACK sip:bob@example.com SIP/2.0"});
    EXPECT_EQ(startLines(sent, kRequesterPort), std::vector<std::string>{"SIP/2.0 487 Request Terminated"});
}

TEST(StatefulRelay, A200ThatRacesTheCancelStillReachesTheCaller) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    h.fromRequester(requesterRequest("CANCEL"));
    h.takeSent();
    // The callee answered before our CANCEL reached it: the 200 goes upstream (16.7: a 2xx
    // is always forwarded), the caller ACKs and hangs up; no 487 follows.
    h.fromNextHop(nextHopReply(invite, 200, "OK"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 200 OK"});
    h.fromNextHop(nextHopReply(invite, 200, "OK"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 200 OK"})
        << "its retransmissions too, until the caller's ACK stops them";
    h.advanceInSteps(6s, 100ms);
    for (const auto &m : h.takeSent()) EXPECT_NE(m.startLine(), "SIP/2.0 487 Request Terminated");
}

TEST(StatefulRelay, AFinishedTransactionLingersForWaitTimerThenGoes) {
    RelayHarness h{timers()};
    h.fromRequester(requesterRequest("OPTIONS"));
    const std::string options = sentDownstream(h.takeSent(), "OPTIONS");
    h.fromNextHop(nextHopReply(options, 200, "OK"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 200 OK"});
    h.fromRequester(requesterRequest("OPTIONS"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 200 OK"})
        << "a retransmission within wait_timer gets the same answer";
    EXPECT_EQ(h.transactions(), 1u);
    h.advanceInSteps(5100ms, 100ms);
    EXPECT_EQ(h.transactions(), 0u);
}

TEST(StatefulRelay, NoFailureRouteRunsAfterTheCallerCancelled) {
    RelayHarness h{timers(), failoverConfig("do = \"relay\"\n")};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    h.fromRequester(requesterRequest("CANCEL"));
    h.takeSent();
    h.fromNextHop(nextHopReply(invite, 487, "Request Terminated"));
    const auto sent = h.takeSent();
    EXPECT_EQ(startLines(sent, kRequesterPort), std::vector<std::string>{"SIP/2.0 487 Request Terminated"});
    EXPECT_TRUE(sentDownstream(sent, "INVITE").empty()) << "no new branch after the caller's CANCEL";
}

TEST(StatefulRelay, AFailureRouteRetriesAndTheBestReplyWins) {
    RelayHarness retrying{timers(), failoverConfig(R"toml(if = '$T_reply_code == 503'
then = [{ set = { "$du" = "sip:127.0.0.1:5080" } }, "relay"]
)toml")};
    retrying.fromRequester(requesterRequest("INVITE"));
    const std::string first = sentDownstream(retrying.takeSent(), "INVITE");
    retrying.fromNextHop(nextHopReply(first, 503, "Service Unavailable"));
    auto sent = retrying.takeSent();
    const std::string second = sentDownstream(sent, "INVITE");
    ASSERT_FALSE(second.empty()) << "the failure route relayed again";
    EXPECT_NE(headerLine(second, "Via"), headerLine(first, "Via")) << "a new branch";
    EXPECT_TRUE(startLines(sent, kRequesterPort).empty()) << "the 503 is not sent upstream";

    retrying.fromNextHop(nextHopReply(second, 404, "Not Found"));
    // 16.7: the lowest class wins; a 503 would never go upstream as such anyway (it becomes 500).
    EXPECT_EQ(startLines(retrying.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 404 Not Found"});
}

TEST(StatefulRelay, AnOnReplyRouteSeesOnlyItsTransactionsReplies) {
    const std::string toml = withCore(R"toml(
[control]
enabled = false

[[route.request]]
set = { "$du" = "sip:127.0.0.1:5080" }

[[route.request]]
if = '$rm == "INVITE"'
then = { do = "on_reply:no_ringing" }

[[route.request]]
do = "relay"

[[route.no_ringing]]
if = '$rs == 180'
then = "drop"
)toml");
    RelayHarness h{timers(), toml};
    h.fromRequester(requesterRequest("INVITE"));
    const std::string invite = sentDownstream(h.takeSent(), "INVITE");
    h.fromNextHop(nextHopReply(invite, 180, "Ringing"));
    EXPECT_TRUE(startLines(h.takeSent(), kRequesterPort).empty()) << "the INVITE's reply route dropped its 180";
    h.fromNextHop(nextHopReply(invite, 200, "OK"));
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 200 OK"});

    h.fromRequester(requesterRequest("MESSAGE", "z9hG4bK-caller-2", 2));
    const std::string message = sentDownstream(h.takeSent(), "MESSAGE");
    h.fromNextHop(nextHopReply(message, 180, "Ringing")); // odd, but not this route's business
    EXPECT_EQ(startLines(h.takeSent(), kRequesterPort), std::vector<std::string>{"SIP/2.0 180 Ringing"});
}

TEST(StatefulRelay, OnReplyNamingNoRouteIsRefusedWithItsLine) {
    const std::string toml = withCore(R"toml(
[[route.request]]
do = "on_reply:nowhere"
)toml");
    try {
        load(toml);
        FAIL() << "accepted";
    } catch (const config::ConfigError &e) {
        EXPECT_NE(std::string{e.what()}.find("test.toml:5"), std::string::npos) << e.what();
        EXPECT_NE(std::string{e.what()}.find("on_reply:nowhere names no route"), std::string::npos) << e.what();
    }
}

TEST(StatefulRelay, AppendedBranchesForkInParallelAndTheFirst2xxWins) {
    // dispatcher algorithm 12 over three next hops: $du is the first, the others are appended.
    const auto list = std::filesystem::temp_directory_path() / ("parallel-" + std::to_string(::getpid()) + ".list");
    std::ofstream{list} << "1 sip:127.0.0.1:5080\n1 sip:127.0.0.1:5081\n1 sip:127.0.0.1:5082\n";
    const std::string toml = withCore(R"toml(
[control]
enabled = false

[plugins.dispatcher]
list_file = ")toml" + list.string() + R"toml("

[[route.request]]
call = "dispatcher.select"
args = [1, 12]

[[route.request]]
do = "relay"
)toml");
    RelayHarness h{timers(), toml};
    std::filesystem::remove(list);
    h.fromRequester(requesterRequest("INVITE"));
    const auto sent = h.takeSent();
    std::map<uint16_t, std::string> invites;
    for (const auto &m : sent)
        if (m.startLine() == kInviteLine) invites[m.port] = m.bytes;
    ASSERT_EQ(invites.size(), 3u) << "one INVITE to each destination at once";
    EXPECT_NE(headerLine(invites[5080], "Via"), headerLine(invites[5081], "Via")) << "each branch its own Via branch";

    h.fromNextHop(nextHopReply(invites[5081], 486, "Busy Here"));
    h.fromNextHop(nextHopReply(invites[5082], 180, "Ringing"));
    h.fromNextHop(nextHopReply(invites[5080], 180, "Ringing"));
    h.takeSent();
    h.fromNextHop(nextHopReply(invites[5082], 200, "OK"));
    const auto after = h.takeSent();
    EXPECT_EQ(startLines(after, kRequesterPort), std::vector<std::string>{"SIP/2.0 200 OK"});
    std::vector<uint16_t> cancelled;
    for (const auto &m : after)
        if (m.bytes.rfind("CANCEL ", 0) == 0) cancelled.push_back(m.port);
    EXPECT_EQ(cancelled, std::vector<uint16_t>{5080}) << "the branch still ringing is cancelled";
}

}  // namespace
}  // namespace sipline::test
