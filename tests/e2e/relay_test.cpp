// Stateful relay end to end: the real daemon between a hand-driven requester and hand-driven
// next hops (UDP sockets on 127.0.0.1), so every retransmission, ACK and CANCEL on the wire is
// seen; and a sipp call through `relay`.
#include <gtest/gtest.h>

#include <thread>

#include "daemon_process.hpp"
#include "process.hpp"
#include "requests.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;

// Requests for user "failover" go to the first next hop with a failure route that moves on to
// the second one on 503 or 408; all other requests go to the second one, without.
constexpr const char *kRelayConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@", "tcp:127.0.0.1:@PORT@"]
workers = 2
log_level = "debug"

[control]
socket = "@SOCKET@"

[relay]
t1 = 100
t2 = 400
fr_timer = 1000
fr_inv_timer = 2000
wait_timer = 1000
max_transactions = @MAX@

[plugins.sl]

[[route.request]]
if = '$rU == "failover"'
then = [{ set = { "$du" = "sip:127.0.0.1:@FIRST@" } }, "on_failure:next"]
else = { set = { "$du" = "sip:127.0.0.1:@SECOND@" } }

[[route.request]]
do = "relay"

[[route.request]]
if = '$retcode < 0'
then = { call = "sl.reply_error" }

[[route.next]]
log = "branch failed with $T_reply_code"

[[route.next]]
if = '$T_reply_code == 503 || $T_reply_code == 408'
then = [{ set = { "$du" = "sip:127.0.0.1:@SECOND@" } }, "relay"]
)toml";

std::string replace(std::string text, const std::string &what, const std::string &with) {
    for (size_t at; (at = text.find(what)) != std::string::npos;) text.replace(at, what.size(), with);
    return text;
}

// A reply built from a received request, as a UAS would build it.
std::string replyTo(const std::string &request, int code, const std::string &reason, const std::string &to_tag = "uas-1") {
    std::string out = "SIP/2.0 " + std::to_string(code) + " " + reason + "\r\n";
    size_t at = 0;
    while ((at = request.find("\r\nVia: ", at)) != std::string::npos) {
        const size_t end = request.find("\r\n", at + 2);
        out += request.substr(at + 2, end - at);
        at = end;
    }
    out += "From: " + headerValue(request, "From") + "\r\n";
    std::string to = headerValue(request, "To");
    if (code > 100 && to.find(";tag=") == std::string::npos) to += ";tag=" + to_tag;
    out += "To: " + to + "\r\n";
    out += "Call-ID: " + headerValue(request, "Call-ID") + "\r\n";
    out += "CSeq: " + headerValue(request, "CSeq") + "\r\n";
    return out + "Content-Length: 0\r\n\r\n";
}

std::string methodOf(const std::string &message) { return message.substr(0, message.find(' ')); }

class Relay : public ::testing::Test {
protected:
    void start(int max_transactions = 100) {
        std::string config = replace(kRelayConfig, "@FIRST@", std::to_string(first.port()));
        config = replace(config, "@SECOND@", std::to_string(second.port()));
        config = replace(config, "@MAX@", std::to_string(max_transactions));
        daemon = std::make_unique<DaemonProcess>(config);
        ASSERT_TRUE(daemon->ready()) << daemon->log();
    }
    std::string invite(const std::string &user, const std::string &branch, const std::string &call_id) {
        RequestSpec spec;
        spec.method = "INVITE";
        spec.ruri = "sip:" + user + "@127.0.0.1:" + std::to_string(daemon->port());
        spec.local_port = caller.port();
        spec.branch = branch;
        spec.call_id = call_id;
        return request(spec);
    }
    // The next message the socket receives whose method or status matches.
    static std::optional<std::string> awaitMessage(SipSocket &s, const std::string &start, std::chrono::milliseconds limit) {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            auto m = s.receive(std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()));
            if (m && m->rfind(start, 0) == 0) return m;
        }
        return std::nullopt;
    }

    SipSocket caller{SipSocket::Kind::Udp};
    SipSocket first{SipSocket::Kind::Udp};
    SipSocket second{SipSocket::Kind::Udp};
    std::unique_ptr<DaemonProcess> daemon;
};

TEST_F(Relay, InviteIsTriedProvisionalAndFinalRepliesGoUpstream) {
    start();
    ASSERT_TRUE(caller.sendTo(daemon->port(), invite("bob", "z9hG4bK-r1", "r1@test")));
    auto trying = awaitMessage(caller, "SIP/2.0 100 ", 2s);
    ASSERT_TRUE(trying) << daemon->log();
    EXPECT_EQ(headerValue(*trying, "Call-ID"), "r1@test");

    auto relayed = awaitMessage(second, "INVITE ", 2s);
    ASSERT_TRUE(relayed) << daemon->log();
    EXPECT_NE(relayed->find("Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(daemon->port()) + ";branch=z9hG4bKst"),
              std::string::npos) << *relayed;
    EXPECT_NE(relayed->find(";branch=z9hG4bK-r1"), std::string::npos) << "the caller's Via stays below ours";

    second.sendTo(daemon->port(), replyTo(*relayed, 180, "Ringing"));
    auto ringing = awaitMessage(caller, "SIP/2.0 180 Ringing", 2s);
    ASSERT_TRUE(ringing) << daemon->log();
    EXPECT_EQ(ringing->find("z9hG4bKst"), std::string::npos) << "our Via is taken off: " << *ringing;

    second.sendTo(daemon->port(), replyTo(*relayed, 200, "OK"));
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 200 OK", 2s)) << daemon->log();
}

TEST_F(Relay, RetransmissionsAreAbsorbedOnOneSideAndMadeOnTheOther) {
    start();
    const std::string inv = invite("bob", "z9hG4bK-r2", "r2@test");
    ASSERT_TRUE(caller.sendTo(daemon->port(), inv));
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 100 ", 2s));
    // Timer A: with T1 = 100 ms an unanswered branch sees the INVITE again.
    auto relayed = awaitMessage(second, "INVITE ", 1s);
    ASSERT_TRUE(relayed);
    auto again = awaitMessage(second, "INVITE ", 1s);
    ASSERT_TRUE(again) << "Timer A retransmission";
    EXPECT_EQ(headerValue(*again, "Via"), headerValue(*relayed, "Via")) << "same branch";
    second.sendTo(daemon->port(), replyTo(*relayed, 180, "Ringing"));
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 180 ", 1s));
    while (second.receive(300ms)) {} // retransmissions in flight before the 180 arrived

    // The caller retransmits: it gets the last reply again, the next hop sees nothing new.
    ASSERT_TRUE(caller.sendTo(daemon->port(), inv));
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 180 ", 1s)) << daemon->log();
    EXPECT_FALSE(awaitMessage(second, "INVITE ", 500ms)) << "a retransmission is not relayed again";
}

TEST_F(Relay, A503RunsTheFailureRouteWhichRelaysToTheNextDestination) {
    start();
    ASSERT_TRUE(caller.sendTo(daemon->port(), invite("failover", "z9hG4bK-r3", "r3@test")));
    auto at_first = awaitMessage(first, "INVITE ", 2s);
    ASSERT_TRUE(at_first) << daemon->log();
    first.sendTo(daemon->port(), replyTo(*at_first, 503, "Service Unavailable", "first"));
    auto ack = awaitMessage(first, "ACK ", 2s);
    ASSERT_TRUE(ack) << "hop-by-hop ACK for the 503";
    EXPECT_EQ(headerValue(*ack, "Via"), headerValue(*at_first, "Via")) << "the ACK has the INVITE's branch";
    EXPECT_NE(headerValue(*ack, "To").find("tag=first"), std::string::npos);

    auto at_second = awaitMessage(second, "INVITE ", 2s);
    ASSERT_TRUE(at_second) << daemon->log();
    EXPECT_EQ(headerValue(*at_second, "Call-ID"), "r3@test");
    EXPECT_NE(headerValue(*at_second, "Via").find(".1"), std::string::npos) << "a second branch";
    second.sendTo(daemon->port(), replyTo(*at_second, 200, "OK"));
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 200 OK", 2s)) << daemon->log();
    EXPECT_NE(daemon->log().find("branch failed with 503"), std::string::npos);
}

TEST_F(Relay, ASilentDestinationTimesOutInto408AndFailsOver) {
    start();
    const auto sent = std::chrono::steady_clock::now();
    ASSERT_TRUE(caller.sendTo(daemon->port(), invite("failover", "z9hG4bK-r4", "r4@test")));
    ASSERT_TRUE(awaitMessage(first, "INVITE ", 2s));
    auto at_second = awaitMessage(second, "INVITE ", 3s); // fr_timer = 1 s
    ASSERT_TRUE(at_second) << daemon->log();
    const auto waited = std::chrono::steady_clock::now() - sent;
    EXPECT_GE(waited, 900ms);
    EXPECT_LE(waited, 2500ms);
    EXPECT_NE(daemon->log().find("branch failed with 408"), std::string::npos);
    second.sendTo(daemon->port(), replyTo(*at_second, 486, "Busy Here"));
    auto busy = awaitMessage(caller, "SIP/2.0 486 Busy Here", 2s);
    ASSERT_TRUE(busy) << daemon->log();
    // Timer G: our negative final is retransmitted until the caller ACKs it.
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 486 ", 1s)) << "Timer G retransmission";
    RequestSpec ack;
    ack.method = "ACK";
    ack.ruri = "sip:failover@127.0.0.1:" + std::to_string(daemon->port());
    ack.local_port = caller.port();
    ack.branch = "z9hG4bK-r4";
    ack.call_id = "r4@test";
    ack.to_tag = "uas-1";
    ASSERT_TRUE(caller.sendTo(daemon->port(), request(ack)));
    while (caller.receive(300ms)) {}
    EXPECT_FALSE(awaitMessage(caller, "SIP/2.0 486 ", 800ms)) << "the ACK stopped Timer G";
    // The next hop got our hop-by-hop ACK for its 486, never the caller's ACK.
    int hop_acks = 0;
    while (auto m = awaitMessage(second, "ACK ", 300ms)) {
        ++hop_acks;
        EXPECT_EQ(m->find("z9hG4bK-r4"), std::string::npos) << "the caller's ACK is absorbed: " << *m;
    }
    EXPECT_GE(hop_acks, 1);
}

TEST_F(Relay, WithoutAFailureRouteAnUnansweredRequestGets408) {
    start();
    RequestSpec options;
    options.ruri = "sip:bob@127.0.0.1:" + std::to_string(daemon->port());
    options.local_port = caller.port();
    options.branch = "z9hG4bK-r5";
    ASSERT_TRUE(caller.sendTo(daemon->port(), request(options)));
    int seen = 0;
    while (awaitMessage(second, "OPTIONS ", 700ms)) ++seen;
    EXPECT_GE(seen, 2) << "Timer E retransmits a non-INVITE";
    auto timeout = awaitMessage(caller, "SIP/2.0 408 ", 2s);
    ASSERT_TRUE(timeout) << daemon->log();
    EXPECT_NE(headerValue(*timeout, "To").find("tag="), std::string::npos);
}

TEST_F(Relay, CancelIsAnsweredAndRelayedToThePendingBranch) {
    start();
    ASSERT_TRUE(caller.sendTo(daemon->port(), invite("bob", "z9hG4bK-r6", "r6@test")));
    auto relayed = awaitMessage(second, "INVITE ", 2s);
    ASSERT_TRUE(relayed);
    second.sendTo(daemon->port(), replyTo(*relayed, 180, "Ringing"));
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 180 ", 2s));

    RequestSpec cancel;
    cancel.method = "CANCEL";
    cancel.ruri = "sip:bob@127.0.0.1:" + std::to_string(daemon->port());
    cancel.local_port = caller.port();
    cancel.branch = "z9hG4bK-r6";
    cancel.call_id = "r6@test";
    ASSERT_TRUE(caller.sendTo(daemon->port(), request(cancel)));
    auto ok = awaitMessage(caller, "SIP/2.0 200 OK", 2s);
    ASSERT_TRUE(ok);
    EXPECT_NE(headerValue(*ok, "CSeq").find("CANCEL"), std::string::npos);

    auto relayed_cancel = awaitMessage(second, "CANCEL ", 2s);
    ASSERT_TRUE(relayed_cancel) << daemon->log();
    EXPECT_EQ(headerValue(*relayed_cancel, "Via"), headerValue(*relayed, "Via")) << "CANCEL carries the INVITE's branch";
    second.sendTo(daemon->port(), replyTo(*relayed_cancel, 200, "OK"));
    second.sendTo(daemon->port(), replyTo(*relayed, 487, "Request Terminated"));
    ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 487 ", 2s)) << daemon->log();
    ASSERT_TRUE(awaitMessage(second, "ACK ", 2s)) << "the 487 is ACKed hop by hop";
}

TEST_F(Relay, AFullTransactionTableAnswers503) {
    start(3);
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(caller.sendTo(daemon->port(), invite("bob", "z9hG4bK-f" + std::to_string(i), "f" + std::to_string(i))));
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(awaitMessage(caller, "SIP/2.0 100 ", 2s));
    ASSERT_TRUE(caller.sendTo(daemon->port(), invite("bob", "z9hG4bK-f3", "f3")));
    auto refused = awaitMessage(caller, "SIP/2.0 503 ", 2s);
    ASSERT_TRUE(refused) << daemon->log();
    EXPECT_EQ(headerValue(*refused, "Call-ID"), "f3");
    EXPECT_EQ(headerValue(*refused, "Retry-After"), "5");
}

// sipp UAC → sipline (relay) → sipp UAS: INVITE, 100, 180, 200, ACK, BYE, 200, five calls.
TEST(RelayCall, SippCallsCompleteThroughTransactions) {
    const uint16_t uas_port = freePort();
    std::string config = replace(kRelayConfig, "@SECOND@", std::to_string(uas_port));
    config = replace(replace(config, "@FIRST@", "9"), "@MAX@", "100");
    DaemonProcess daemon{config};
    ASSERT_TRUE(daemon.ready()) << daemon.log();
    Process uas{{"sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", std::to_string(uas_port), "-m", "5", "-nostdin",
                 "-timeout", "30s"},
                daemon.dir().file("uas.log").string()};
    std::this_thread::sleep_for(300ms);
    const auto result = run({"sipp", "-sn", "uac", "127.0.0.1:" + std::to_string(uas_port), "-rsa",
                             "127.0.0.1:" + std::to_string(daemon.port()), "-i", "127.0.0.1", "-p",
                             std::to_string(freePort()), "-m", "5", "-r", "5", "-nostdin", "-timeout", "30s",
                             "-timeout_error", "-d", "200"},
                            40s);
    EXPECT_EQ(result.exit_code, 0) << result.output << "\n--- daemon:\n" << daemon.log();
    EXPECT_EQ(uas.wait(10s), 0);
}

}  // namespace
}  // namespace sipline::test
