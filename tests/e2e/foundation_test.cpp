// The foundation end to end: the real daemon with the real maxfwd and sl plugins, driven over
// UDP and TCP by hand-written requests, sipsak and sipp.
#include <signal.h>

#include <gtest/gtest.h>

#include "daemon_process.hpp"
#include "foundation_config.hpp"
#include "requests.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;

class Foundation : public ::testing::Test {
protected:
    virtual std::string config() const { return kFoundationConfig; }
    void SetUp() override {
        daemon_ = std::make_unique<DaemonProcess>(config());
        ASSERT_TRUE(daemon_->ready()) << daemon_->log();
    }
    void TearDown() override {
        if (daemon_) EXPECT_EQ(daemon_->stop(), 0) << daemon_->log();
    }
    std::string ask(SipSocket &socket, RequestSpec spec) {
        spec.local_port = socket.port();
        if (spec.ruri.empty()) spec.ruri = "sip:127.0.0.1:" + std::to_string(daemon_->port());
        EXPECT_TRUE(socket.sendTo(daemon_->port(), request(spec)));
        return socket.receive(3s).value_or("");
    }
    std::string nextHopUri(const SipSocket &next_hop, const std::string &user = "bob") const {
        return "sip:" + user + "@127.0.0.1:" + std::to_string(next_hop.port());
    }
    std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(Foundation, OptionsIsAnswered200WithAToTagOverUdp) {
    SipSocket client{SipSocket::Kind::Udp};
    const std::string reply = ask(client, RequestSpec{});
    ASSERT_EQ(statusCode(reply), 200) << reply;
    EXPECT_NE(headerValue(reply, "To").find(";tag="), std::string::npos) << reply;
    EXPECT_EQ(headerValue(reply, "Call-ID"), "call-1@test");
    EXPECT_EQ(headerValue(reply, "CSeq"), "1 OPTIONS");
    EXPECT_EQ(headerValue(reply, "Via"), "SIP/2.0/UDP 127.0.0.1:" + std::to_string(client.port()) + ";branch=z9hG4bK-test-1");
    EXPECT_EQ(headerValue(reply, "Content-Length"), "0");
}

TEST_F(Foundation, OptionsIsAnswered200WithAToTagOverTcp) {
    SipSocket client{SipSocket::Kind::Tcp};
    ASSERT_TRUE(client.connect(daemon_->port()));
    RequestSpec spec;
    spec.transport = "TCP";
    const std::string reply = ask(client, spec);
    ASSERT_EQ(statusCode(reply), 200) << reply;
    EXPECT_NE(headerValue(reply, "To").find(";tag="), std::string::npos) << reply;
}

TEST_F(Foundation, SipsakOptionsGets200) {
    const auto result = run({"sipsak", "-s", "sip:127.0.0.1:" + std::to_string(daemon_->port()), "-v"}, 10s);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("200 OK"), std::string::npos) << result.output;
}

TEST_F(Foundation, MaxForwardsZeroIsAnswered483) {
    SipSocket client{SipSocket::Kind::Udp}, next_hop{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.method = "INVITE";
    spec.ruri = nextHopUri(next_hop);
    spec.max_forwards = "0";
    const std::string reply = ask(client, spec);
    EXPECT_EQ(statusCode(reply), 483) << reply;
    EXPECT_NE(reply.find("483 Too Many Hops"), std::string::npos) << reply;
    EXPECT_FALSE(next_hop.receive(300ms)) << "a request with Max-Forwards 0 must not be forwarded";
}

TEST_F(Foundation, MissingMaxForwardsIsAddedWithTheConfiguredValue) {
    SipSocket client{SipSocket::Kind::Udp}, next_hop{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.method = "MESSAGE";
    spec.ruri = nextHopUri(next_hop);
    spec.max_forwards = "";
    spec.local_port = client.port();
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
    const auto forwarded = next_hop.receive(3s);
    ASSERT_TRUE(forwarded) << daemon_->log();
    EXPECT_EQ(headerValue(*forwarded, "Max-Forwards"), "10") << *forwarded;
    // Our Via on top, the sender's below it.
    const std::string our_via = "SIP/2.0/UDP 127.0.0.1:" + std::to_string(daemon_->port()) + ";branch=z9hG4bK";
    EXPECT_EQ(headerValue(*forwarded, "Via").rfind(our_via, 0), 0u) << *forwarded;
    EXPECT_NE(forwarded->find("Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(client.port())), std::string::npos);
    EXPECT_LT(forwarded->find(our_via), forwarded->find("Max-Forwards"));
}

TEST_F(Foundation, MaxForwardsAboveMaxLimitIsClampedAndOthersDecremented) {
    SipSocket client{SipSocket::Kind::Udp}, next_hop{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.method = "MESSAGE";
    spec.ruri = nextHopUri(next_hop);
    spec.local_port = client.port();
    spec.max_forwards = "50";
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
    auto forwarded = next_hop.receive(3s);
    ASSERT_TRUE(forwarded) << daemon_->log();
    EXPECT_EQ(headerValue(*forwarded, "Max-Forwards"), "20") << "max_limit = 20 clamps 50";

    spec.max_forwards = "5";
    spec.branch = "z9hG4bK-test-2";
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
    forwarded = next_hop.receive(3s);
    ASSERT_TRUE(forwarded);
    EXPECT_EQ(headerValue(*forwarded, "Max-Forwards"), "4");
}

TEST_F(Foundation, MaxLimitChangesAtRuntimeThroughSiplinectl) {
    const auto set = run({siplinectlPath(), "--socket", daemon_->socket(), "maxfwd.set_limit", "15"}, 5s);
    ASSERT_EQ(set.exit_code, 0) << set.output;
    SipSocket client{SipSocket::Kind::Udp}, next_hop{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.method = "MESSAGE";
    spec.ruri = nextHopUri(next_hop);
    spec.local_port = client.port();
    spec.max_forwards = "69";
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
    auto forwarded = next_hop.receive(3s);
    ASSERT_TRUE(forwarded);
    EXPECT_EQ(headerValue(*forwarded, "Max-Forwards"), "15");
}

TEST_F(Foundation, RepliesAreRoutedBackByViaWithOurViaRemoved) {
    SipSocket client{SipSocket::Kind::Udp}, next_hop{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.method = "MESSAGE";
    spec.ruri = nextHopUri(next_hop);
    spec.local_port = client.port();
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
    auto forwarded = next_hop.receive(3s);
    ASSERT_TRUE(forwarded);
    // The next hop answers to the top Via (the daemon), copying the Vias as RFC 3261 8.2.6 says.
    std::string vias;
    for (size_t at = forwarded->find("\r\nVia:"); at != std::string::npos; at = forwarded->find("\r\nVia:", at + 2))
        vias += forwarded->substr(at + 2, forwarded->find("\r\n", at + 2) - at - 2) + "\r\n";
    const std::string reply = "SIP/2.0 202 Accepted\r\n" + vias + "From: " + headerValue(*forwarded, "From") +
                              "\r\nTo: " + headerValue(*forwarded, "To") + ";tag=uas\r\nCall-ID: " +
                              headerValue(*forwarded, "Call-ID") + "\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n";
    ASSERT_TRUE(next_hop.sendTo(daemon_->port(), reply));
    const auto back = client.receive(3s);
    ASSERT_TRUE(back) << daemon_->log();
    EXPECT_EQ(statusCode(*back), 202);
    EXPECT_EQ(headerValue(*back, "Via"), "SIP/2.0/UDP 127.0.0.1:" + std::to_string(client.port()) + ";branch=z9hG4bK-test-1");
    EXPECT_EQ(back->find("127.0.0.1:" + std::to_string(daemon_->port())), std::string::npos) << *back;
}

TEST_F(Foundation, AckToALocalNon2xxReplyIsAbsorbed) {
    SipSocket client{SipSocket::Kind::Udp}, next_hop{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.method = "INVITE";
    spec.ruri = nextHopUri(next_hop, "nobody");
    const std::string reply = ask(client, spec);
    ASSERT_EQ(statusCode(reply), 404) << reply;
    const std::string to = headerValue(reply, "To");
    const std::string tag = to.substr(to.find(";tag=") + 5);
    ASSERT_EQ(tag.size(), 41u) << to;

    RequestSpec ack = spec;
    ack.method = "ACK";
    ack.to_tag = tag;
    ack.local_port = client.port();
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(ack)));
    EXPECT_FALSE(next_hop.receive(500ms)) << "the ACK for our own 404 must not be forwarded";
    EXPECT_EQ(daemon_->rpc("sl.stats")["received_ACKs"], 1);

    // An ACK whose To-tag is not ours (a 2xx ACK of some dialog) is routed like any request.
    ack.ruri = nextHopUri(next_hop);
    ack.to_tag = "someone-else";
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(ack)));
    const auto forwarded = next_hop.receive(3s);
    ASSERT_TRUE(forwarded) << daemon_->log();
    EXPECT_EQ(forwarded->rfind("ACK ", 0), 0u);
}

TEST_F(Foundation, ForwardFailureIsAnsweredThroughReplyError) {
    SipSocket client{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.method = "MESSAGE";
    spec.ruri = "sip:bob@127.0.0.1:" + std::to_string(daemon_->port()); // ourselves: refused
    const std::string reply = ask(client, spec);
    EXPECT_EQ(statusCode(reply), 477) << reply;
}

TEST_F(Foundation, GarbageIsDroppedCountedAndServiceGoesOn) {
    SipSocket client{SipSocket::Kind::Udp};
    const std::string garbage[] = {"", "\r\n\r\n", "INVITE", "SIP/2.0 abc\r\n\r\n", std::string(70000, 'x'),
                                   "OPTIONS sip:a SIP/2.0\r\nVia: \r\n\r\n",
                                   "OPTIONS sip:x SIP/2.0\r\nContent-Length: 999\r\n\r\nshort",
                                   std::string("\0\1\2\3\xff\xfe", 6)};
    for (const auto &g : garbage) client.sendTo(daemon_->port(), g);
    const std::string reply = ask(client, RequestSpec{});
    EXPECT_EQ(statusCode(reply), 200) << daemon_->log();
    EXPECT_GE(daemon_->rpc("core.stats")["parse_errors"].get<int>(), 4);
}

TEST_F(Foundation, ControlMethodsAnswerThroughSiplinectl) {
    auto version = run({siplinectlPath(), "--socket", daemon_->socket(), "core.version"}, 5s);
    EXPECT_EQ(version.exit_code, 0) << version.output;
    EXPECT_NE(version.output.find("sipline"), std::string::npos) << version.output;
    auto plugins = run({siplinectlPath(), "--socket", daemon_->socket(), "--json", "core.plugins"}, 5s);
    EXPECT_NE(plugins.output.find("\"maxfwd\""), std::string::npos) << plugins.output;
    EXPECT_NE(plugins.output.find("\"sl\""), std::string::npos) << plugins.output;
    auto unknown = run({siplinectlPath(), "--socket", daemon_->socket(), "no.such"}, 5s);
    EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
}

class SippCall : public Foundation, public ::testing::WithParamInterface<std::string> {
protected:
    std::string config() const override {
        std::string text = kFoundationConfig;
        text.replace(text.find("#@EXTRA_STEPS@"), 14, kForwardOverTcpStep);
        return text;
    }
};

// A sipp UAC calls a sipp UAS through the daemon: INVITE, 180, 200, ACK, BYE, 200.
TEST_P(SippCall, CallsCompleteThroughTheProxy) {
    const bool tcp = GetParam() == "tcp";
    const std::string transport = tcp ? "t1" : "u1";
    const uint16_t uas_port = freePort();
    const std::string proxy = "127.0.0.1:" + std::to_string(daemon_->port());
    // Over TCP the UAS URI must name the transport, or the daemon would use UDP.
    Process uas{{"sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", std::to_string(uas_port), "-t", transport, "-m", "5",
                 "-nostdin", "-timeout", "30s"},
                daemon_->dir().file("uas.log").string()};
    std::this_thread::sleep_for(300ms);
    std::vector<std::string> uac{"sipp", "-sn", "uac", "127.0.0.1:" + std::to_string(uas_port), "-rsa", proxy, "-i",
                                 "127.0.0.1", "-p", std::to_string(freePort()), "-t", transport, "-m", "5", "-r", "5",
                                 "-nostdin", "-timeout", "30s", "-timeout_error", "-d", "200"};
    const auto result = run(uac, 40s);
    EXPECT_EQ(result.exit_code, 0) << result.output << "\n--- daemon:\n" << daemon_->log() << "\n--- uas:\n"
                                   << readFile(daemon_->dir().file("uas.log"));
    EXPECT_EQ(uas.wait(10s), 0) << readFile(daemon_->dir().file("uas.log"));
    const auto stats = daemon_->rpc("core.stats");
    EXPECT_GE(stats["requests_forwarded"].get<int>(), 15) << stats.dump(); // INVITE, ACK, BYE per call
    EXPECT_GE(stats["replies_forwarded"].get<int>(), 15) << stats.dump();  // 180, 200, 200 per call
}

INSTANTIATE_TEST_SUITE_P(Transports, SippCall, ::testing::Values("udp", "tcp"));

TEST(Daemon, RefusesABadConfigNamingFileAndLine) {
    TempDir dir;
    const auto config = dir.write("bad.toml", "[core]\nlisten = [\"udp:127.0.0.1:5999\"]\n\n[plugins.sl]\n\n"
                                              "[[route.request]]\ncall = \"maxfwd.process\"\nargs = [10]\n");
    const auto result = run({daemonPath(), "--config", config.string(), "--plugin-dir", pluginDir()}, 10s);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.output.find(config.string() + ":7: unknown function 'maxfwd.process': plugin 'maxfwd' is not loaded"),
              std::string::npos)
        << result.output;
}

TEST(Daemon, StopsCleanlyOnSigintToo) {
    DaemonProcess daemon{kFoundationConfig};
    ASSERT_TRUE(daemon.ready()) << daemon.log();
    EXPECT_EQ(daemon.stop(SIGINT), 0) << daemon.log();
    EXPECT_NE(daemon.log().find("stopped"), std::string::npos) << daemon.log();
    EXPECT_FALSE(std::filesystem::exists(daemon.socket())) << "the control socket is removed on stop";
}

}  // namespace
}  // namespace sipline::test
