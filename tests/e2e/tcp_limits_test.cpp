// TCP abuse limits end to end, with real sockets against the real daemon: connections per
// address, the global connection limit, idle connections, messages trickled byte by byte (slow
// loris), oversized headers and bodies, and a connection flood. Each test also shows that a
// well-behaved client is served while the limit bites.
#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <regex>
#include <thread>
#include <vector>

#include "daemon_process.hpp"
#include "raw_tcp.hpp"
#include "requests.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// @LIMITS@: the [core] keys under test.
constexpr const char *kConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@", "tcp:127.0.0.1:@PORT@"]
workers = 2
@LIMITS@

[control]
socket = "@SOCKET@"

[plugins.sl]

[[route.request]]
if = '$rm == "OPTIONS"'
then = { reply = [200, "OK"] }
)toml";

std::string options(uint16_t port, int sequence, const std::string &extra_headers = "") {
    RequestSpec spec;
    spec.transport = "TCP";
    spec.local_port = 5060; // replies go back on the connection whatever Via says
    spec.ruri = "sip:127.0.0.1:" + std::to_string(port);
    spec.branch = "z9hG4bK-tcp-" + std::to_string(sequence);
    spec.call_id = "tcp-" + std::to_string(sequence) + "@test";
    spec.extra_headers = extra_headers;
    return request(spec);
}

size_t count(const std::string &text, const std::string &what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

class TcpLimits : public ::testing::Test {
protected:
    void start(const std::string &limits) {
        std::string config = kConfig;
        config.replace(config.find("@LIMITS@"), 8, limits);
        daemon_ = std::make_unique<DaemonProcess>(config);
        ASSERT_TRUE(daemon_->ready()) << daemon_->log();
    }
    void TearDown() override {
        if (daemon_) EXPECT_EQ(daemon_->stop(), 0) << daemon_->log();
    }
    // One OPTIONS on the connection: the reply's status, 0 when none came.
    int ask(RawTcp &tcp) {
        if (!tcp.send(options(daemon_->port(), ++sequence_))) return 0;
        const auto reply = tcp.receiveReply(3s);
        return reply ? statusCode(*reply) : 0;
    }
    // A fresh connection from source_ip asking once.
    int askFrom(const std::string &source_ip) {
        RawTcp tcp{daemon_->port(), source_ip};
        return tcp.connected() ? ask(tcp) : 0;
    }
    size_t openConnections() const { return daemon_->rpc("core.stats")["tcp_connections"].get<size_t>(); }
    // Waits until the daemon's connection table holds `expected` connections.
    bool connectionsSettleAt(size_t expected, std::chrono::milliseconds timeout = 3s) const {
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            if (openConnections() == expected) return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }

    std::unique_ptr<DaemonProcess> daemon_;
    int sequence_ = 0;
};

TEST_F(TcpLimits, PerAddressLimitRefusesTheExtraConnectionsOfOneAddressOnly) {
    start("tcp_max_connections_per_ip = 3");
    std::vector<std::unique_ptr<RawTcp>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<RawTcp>(daemon_->port(), "127.0.0.2"));
        ASSERT_EQ(ask(*held.back()), 200) << "connection " << i << "\n" << daemon_->log();
    }
    RawTcp fourth{daemon_->port(), "127.0.0.2"};
    ASSERT_TRUE(fourth.connected());
    EXPECT_TRUE(fourth.closedWithin(2s)) << "the fourth connection from 127.0.0.2 is closed at once";
    EXPECT_EQ(askFrom("127.0.0.3"), 200) << "another address is still served";
    EXPECT_EQ(ask(*held[0]), 200) << "the admitted connections keep working";

    held.pop_back();
    ASSERT_TRUE(connectionsSettleAt(2)) << openConnections();
    EXPECT_EQ(askFrom("127.0.0.2"), 200) << "a slot freed: 127.0.0.2 may connect again";
    const std::string log = daemon_->log();
    EXPECT_NE(log.find("refusing connection from tcp:127.0.0.2:"), std::string::npos) << log;
    EXPECT_NE(log.find("core.tcp_max_connections_per_ip (3) reached for its address"), std::string::npos) << log;
}

TEST_F(TcpLimits, GlobalLimitRefusesConnectionsBeyondIt) {
    start("tcp_max_connections = 4");
    std::vector<std::unique_ptr<RawTcp>> held;
    for (int i = 1; i <= 4; ++i) {
        held.push_back(std::make_unique<RawTcp>(daemon_->port(), "127.0.0." + std::to_string(i)));
        ASSERT_EQ(ask(*held.back()), 200) << daemon_->log();
    }
    RawTcp fifth{daemon_->port(), "127.0.0.5"};
    ASSERT_TRUE(fifth.connected());
    EXPECT_TRUE(fifth.closedWithin(2s));
    SipSocket udp{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.local_port = udp.port();
    spec.ruri = "sip:127.0.0.1:" + std::to_string(daemon_->port());
    ASSERT_TRUE(udp.sendTo(daemon_->port(), request(spec)));
    const auto reply = udp.receive(3s);
    ASSERT_TRUE(reply.has_value()) << "UDP is not affected";
    EXPECT_EQ(statusCode(*reply), 200);

    held.erase(held.begin());
    ASSERT_TRUE(connectionsSettleAt(3));
    EXPECT_EQ(askFrom("127.0.0.5"), 200);
    EXPECT_NE(daemon_->log().find("core.tcp_max_connections (4) reached"), std::string::npos) << daemon_->log();
}

TEST_F(TcpLimits, IdleConnectionsAreClosedAndBusyOnesKept) {
    start("tcp_idle_timeout = 2");
    RawTcp idle{daemon_->port()};
    RawTcp busy{daemon_->port(), "127.0.0.2"};
    ASSERT_EQ(ask(idle), 200);
    const auto since = Clock::now();
    EXPECT_FALSE(idle.closedWithin(1500ms)) << "not before the timeout";
    // The busy one asks every 300 ms until 4 s have passed, twice the idle timeout.
    int answered = 0;
    while (Clock::now() - since < 4s) {
        if (ask(busy) == 200) ++answered;
        std::this_thread::sleep_for(300ms);
    }
    EXPECT_TRUE(idle.closedWithin(1s)) << "closed about 2 s after its last message";
    EXPECT_GE(answered, 6);
    EXPECT_EQ(ask(busy), 200) << "the busy connection is still open\n" << daemon_->log();
}

TEST_F(TcpLimits, AMessageTrickledSlowerThanTheMessageTimeoutIsCutOff) {
    start("tcp_message_timeout = 1\ntcp_idle_timeout = 60");
    RawTcp loris{daemon_->port(), "127.0.0.2"};
    ASSERT_TRUE(loris.connected());
    const std::string message = options(daemon_->port(), 1000);
    const auto began = Clock::now();
    bool closed = false;
    // A byte every 100 ms keeps the idle timer happy; only the message timeout can stop this.
    for (size_t i = 0; i < message.size() - 1 && !closed; ++i) {
        if (!loris.send(message.substr(i, 1))) break;
        closed = loris.closedWithin(100ms);
        if (i % 5 == 0) EXPECT_EQ(askFrom("127.0.0.3"), 200) << "others are served meanwhile";
        if (Clock::now() - began > 5s) break;
    }
    if (!closed) closed = loris.closedWithin(2s);
    const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
    EXPECT_TRUE(closed) << daemon_->log();
    std::cout << "[ limits   ] slow message cut off after " << after.count() << " ms (tcp_message_timeout 1 s)\n";
    EXPECT_GE(after, 900ms);
    EXPECT_LE(after, 2500ms);
    EXPECT_NE(daemon_->log().find("closing connection from tcp:127.0.0.2:"), std::string::npos);
    EXPECT_NE(daemon_->log().find("message incomplete after 1 s (core.tcp_message_timeout)"), std::string::npos)
        << daemon_->log();
}

TEST_F(TcpLimits, TheMessageTimeoutCountsPerMessageNotPerConnection) {
    start("tcp_message_timeout = 1");
    RawTcp tcp{daemon_->port()};
    // Three messages, each sent in three pieces over 600 ms: 1.8 s in all, each within 1 s.
    for (int m = 0; m < 3; ++m) {
        const std::string message = options(daemon_->port(), 2000 + m);
        const size_t third = message.size() / 3;
        ASSERT_TRUE(tcp.send(message.substr(0, third)));
        std::this_thread::sleep_for(300ms);
        ASSERT_TRUE(tcp.send(message.substr(third, third)));
        std::this_thread::sleep_for(300ms);
        ASSERT_TRUE(tcp.send(message.substr(2 * third)));
        const auto reply = tcp.receiveReply(2s);
        ASSERT_TRUE(reply.has_value()) << "message " << m << "\n" << daemon_->log();
        EXPECT_EQ(statusCode(*reply), 200);
    }
}

TEST_F(TcpLimits, OversizedHeadersAndBodiesCloseTheConnection) {
    start("max_message_bytes = 2048");
    // A header that never ends: cut off once it passes the limit.
    RawTcp endless{daemon_->port(), "127.0.0.2"};
    ASSERT_TRUE(endless.send("OPTIONS sip:127.0.0.1 SIP/2.0\r\n"));
    bool closed = false;
    for (int i = 0; i < 40 && !closed; ++i) {
        if (!endless.send("X-Padding: " + std::string(90, 'a') + "\r\n")) break;
        closed = endless.closedWithin(10ms);
    }
    EXPECT_TRUE(closed || endless.closedWithin(2s)) << "a 4 KB header on a 2 KB limit";

    // A complete header announcing a body over the limit: refused before the body arrives.
    RawTcp big_body{daemon_->port(), "127.0.0.3"};
    std::string announced = options(daemon_->port(), 3000);
    announced.replace(announced.find("Content-Length: 0"), 17, "Content-Length: 100000");
    ASSERT_TRUE(big_body.send(announced));
    EXPECT_TRUE(big_body.closedWithin(2s)) << "no need to wait for 100 KB";

    // Just under the limit is served.
    RawTcp fits{daemon_->port()};
    const std::string padding = "X-Padding: " + std::string(1500, 'b') + "\r\n";
    ASSERT_TRUE(fits.send(options(daemon_->port(), 3001, padding)));
    const auto reply = fits.receiveReply(3s);
    ASSERT_TRUE(reply.has_value()) << daemon_->log();
    EXPECT_EQ(statusCode(*reply), 200);
    const std::string log = daemon_->log();
    EXPECT_EQ(count(log, "message too large (core.max_message_bytes 2048)"), 2u) << log;
}

TEST_F(TcpLimits, AConnectionFloodFromOneAddressLeavesOtherClientsServed) {
    start("tcp_max_connections = 256\ntcp_max_connections_per_ip = 16");
    constexpr int kFlood = 400;
    std::vector<std::unique_ptr<RawTcp>> flood;
    flood.reserve(kFlood);
    const auto began = Clock::now();
    for (int i = 0; i < kFlood; ++i) {
        flood.push_back(std::make_unique<RawTcp>(daemon_->port(), "127.0.0.66"));
        if (i % 100 == 50) EXPECT_EQ(askFrom("127.0.0.1"), 200) << "served during the flood";
    }
    int refused = 0;
    for (auto &connection : flood) refused += connection->closedWithin(5ms) ? 1 : 0;
    // Those not seen closed yet are given a moment more, all together.
    if (refused < kFlood - 16) {
        std::this_thread::sleep_for(500ms);
        refused = 0;
        for (auto &connection : flood) refused += connection->closedWithin(1ms) ? 1 : 0;
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
    std::cout << "[ limits   ] " << kFlood << " connections from one address: " << refused << " refused, "
              << kFlood - refused << " admitted, in " << took.count() << " ms\n";
    EXPECT_EQ(refused, kFlood - 16);
    EXPECT_EQ(openConnections(), 16u);
    EXPECT_EQ(askFrom("127.0.0.1"), 200);

    flood.clear();
    EXPECT_TRUE(connectionsSettleAt(0)) << "every flood connection is forgotten: " << openConnections();
    // Refusals are logged at most once a second per listener, the rest as a count a second later.
    const std::string summary = "more connection(s) on tcp:127.0.0.1:" + std::to_string(daemon_->port());
    const auto deadline = Clock::now() + 3s;
    while (daemon_->log().find(summary) == std::string::npos && Clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    const std::string log = daemon_->log();
    const size_t lines = count(log, "refusing connection from tcp:127.0.0.66:");
    EXPECT_GE(lines, 1u);
    EXPECT_LE(lines, 4u) << log;
    size_t counted = 0;
    const std::regex counts{"refused (\\d+) more connection\\(s\\)"};
    for (auto it = std::sregex_iterator(log.begin(), log.end(), counts); it != std::sregex_iterator(); ++it)
        counted += std::stoul((*it)[1].str());
    EXPECT_EQ(lines + counted, static_cast<size_t>(kFlood - 16)) << "every refusal is accounted for\n" << log;
}

}  // namespace
}  // namespace sipline::test
