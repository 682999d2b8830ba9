// sanity end to end: the daemon running conf/examples/sanity-edge.toml (maxfwd, every sanity
// check, sl) answers the RFC 4475 torture messages over UDP and TCP, sipp and sipsak's broken
// requests, and thousands of mutated messages without ever going down; conf/examples/sanity.toml
// lets every valid torture message through; plus noreply mode and the configuration errors the
// daemon refuses at start.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "daemon_process.hpp"
#include "requests.hpp"
#include "sanity_corpus.hpp"
#include "sanity_mutator.hpp"
#include "sanity_sipp_scenario.hpp"
#include "sanity_transaction.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;

// Replies without rport go to the Via's port (RFC 3261 18.2.2): the torture messages name none,
// so 5060. Inside the test's own network namespace that port is free.
constexpr uint16_t kViaPort = 5060;

std::string readBytes(const std::filesystem::path &path) {
    std::ifstream file{path, std::ios::binary};
    return {std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

std::string torture(const std::string &name) {
    return readBytes(std::filesystem::path{sourceDir()} / "tests/fixtures/sip/rfc4475" / (name + ".sip"));
}

std::string replaceOnce(std::string text, const std::string &from, const std::string &to) {
    const size_t at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("the example config lost '" + from + "'");
    return text.replace(at, from.size(), to);
}

// A shipped example with the test's port and control socket.
std::string exampleConfig(const std::string &file) {
    std::string text = readBytes(std::filesystem::path{sourceDir()} / "conf/examples" / file);
    text = replaceOnce(text, "\"udp:127.0.0.1:5060\"", "\"udp:127.0.0.1:@PORT@\"");
    text = replaceOnce(text, "\"tcp:127.0.0.1:5060\"", "\"tcp:127.0.0.1:@PORT@\"");
    return replaceOnce(text, "\"/run/sipline/sipline.sock\"", "\"@SOCKET@\"");
}

std::string statusLine(const std::string &message) { return message.substr(0, message.find("\r\n")); }

// The Call-ID of the message's own header section (dblreq carries a second message after it).
std::string callIdOf(const std::string &message) { return fieldValue(message, "Call-ID", "i"); }

// The reply is the expected one and belongs to the request's transaction: same top Via branch,
// CSeq and Call-ID, and a To-tag (RFC 3261 8.2.6.2), whatever odd form the request had.
void expectAnswerTo(const std::string &request, const std::string &reply, const TortureExpectation &expected,
                    std::string_view answer) {
    EXPECT_EQ(statusLine(reply), answer) << expected.name << " (" << expected.why << ")";
    const TransactionKey asked = transactionKeyOf(request);
    EXPECT_FALSE(asked.call_id.empty()) << expected.name;
    EXPECT_EQ(transactionKeyOf(reply), asked) << expected.name << "\n" << reply;
    std::string to = lowerCase(fieldValue(reply, "To", "t"));
    std::erase(to, ' '); // wsinv writes "; tag = ..."
    EXPECT_NE(to.find(";tag="), std::string::npos) << expected.name << "\n" << reply;
}

// Which column of kTortureCorpus a config answers by.
using Column = const char *TortureExpectation::*;

// The daemon running one config, and the ways the tests talk to it.
class SanityDaemon : public ::testing::Test {
protected:
    virtual std::string config() const = 0;
    void SetUp() override {
        daemon_ = std::make_unique<DaemonProcess>(config());
        ASSERT_TRUE(daemon_->ready()) << daemon_->log();
    }
    void TearDown() override {
        if (!daemon_) return;
        EXPECT_EQ(daemon_->log().find("function failed"), std::string::npos) << daemon_->log();
        EXPECT_EQ(daemon_->stop(), 0) << daemon_->log();
    }

    // Sends every message from 127.0.0.1:5060 and collects the replies by Call-ID.
    std::map<std::string, std::vector<std::string>> sendOverUdp(const std::vector<std::string> &messages) {
        SipSocket client{SipSocket::Kind::Udp, kViaPort};
        for (const std::string &message : messages) {
            EXPECT_TRUE(client.sendTo(daemon_->port(), message));
            std::this_thread::sleep_for(2ms);
        }
        std::map<std::string, std::vector<std::string>> replies;
        while (auto reply = client.receive(1500ms)) replies[callIdOf(*reply)].push_back(*reply);
        return replies;
    }

    std::string optionsAnswer(SipSocket::Kind kind) {
        SipSocket client{kind};
        if (kind == SipSocket::Kind::Tcp && !client.connect(daemon_->port())) return "cannot connect";
        RequestSpec spec;
        spec.transport = kind == SipSocket::Kind::Tcp ? "TCP" : "UDP";
        spec.local_port = client.port();
        spec.ruri = "sip:127.0.0.1:" + std::to_string(daemon_->port());
        spec.call_id = "alive-" + spec.transport + "@test";
        if (!client.sendTo(daemon_->port(), request(spec))) return "cannot send";
        const auto reply = client.receive(3s);
        return reply ? statusLine(*reply) : "no answer";
    }

    // The whole corpus over UDP: each message gets exactly its answer, or none at all.
    std::map<std::string, std::vector<std::string>> expectCorpusOverUdp(Column column) {
        std::vector<std::string> messages;
        std::set<std::string> call_ids;
        for (const TortureExpectation &expected : kTortureCorpus) {
            messages.push_back(torture(expected.name));
            EXPECT_TRUE(call_ids.insert(callIdOf(messages.back())).second) << expected.name;
        }
        auto replies = sendOverUdp(messages);
        for (size_t i = 0; i < messages.size(); ++i) {
            const TortureExpectation &expected = kTortureCorpus[i];
            const std::string_view answer = expected.*column;
            const auto found = replies.find(callIdOf(messages[i]));
            const std::vector<std::string> got = found == replies.end() ? std::vector<std::string>{} : found->second;
            if (answer.empty()) {
                EXPECT_TRUE(got.empty()) << expected.name << " (" << expected.why << ") got " << statusLine(got.front());
                continue;
            }
            EXPECT_EQ(got.size(), 1u) << expected.name << " (" << expected.why << ")\n" << daemon_->log();
            if (!got.empty()) expectAnswerTo(messages[i], got[0], expected, answer);
        }
        EXPECT_EQ(optionsAnswer(SipSocket::Kind::Udp), "SIP/2.0 200 OK");
        return replies;
    }

    // The messages that frame on a stream, one after the other on one TCP connection: a
    // refused message must not disturb the next one's answer.
    void expectCorpusOverTcp(Column column) {
        SipSocket client{SipSocket::Kind::Tcp};
        ASSERT_TRUE(client.connect(daemon_->port()));
        size_t sent = 0;
        for (const TortureExpectation &expected : kTortureCorpus) {
            if (!expected.over_tcp) continue;
            ++sent;
            const std::string_view answer = expected.*column;
            ASSERT_TRUE(client.sendTo(daemon_->port(), torture(expected.name))) << expected.name;
            const auto reply = client.receive(answer.empty() ? 300ms : 3s);
            if (answer.empty()) {
                EXPECT_FALSE(reply) << expected.name << " (" << expected.why << ") got " << statusLine(*reply);
                continue;
            }
            ASSERT_TRUE(reply) << expected.name << "\n" << daemon_->log();
            expectAnswerTo(torture(expected.name), *reply, expected, answer);
        }
        EXPECT_GE(sent, 30u);
        EXPECT_EQ(optionsAnswer(SipSocket::Kind::Tcp), "SIP/2.0 200 OK");
    }

    std::unique_ptr<DaemonProcess> daemon_;
};

// conf/examples/sanity-edge.toml: every check.
class SanityEdge : public SanityDaemon {
protected:
    std::string config() const override { return exampleConfig("sanity-edge.toml"); }
};

// conf/examples/sanity.toml: the checks that pass every message RFC 4475 calls valid.
class SanityRfcClean : public SanityDaemon {
protected:
    std::string config() const override { return exampleConfig("sanity.toml"); }
};

TEST(SanityCorpus, TheTableListsEveryTortureMessageOnce) {
    std::set<std::string> on_disk, in_table;
    for (const auto &entry :
         std::filesystem::directory_iterator{std::filesystem::path{sourceDir()} / "tests/fixtures/sip/rfc4475"})
        if (entry.path().extension() == ".sip") on_disk.insert(entry.path().stem().string());
    for (const TortureExpectation &expected : kTortureCorpus)
        EXPECT_TRUE(in_table.insert(expected.name).second) << expected.name << " twice";
    EXPECT_EQ(on_disk.size(), 49u);
    EXPECT_EQ(in_table, on_disk);
}

// sanity-edge.toml promises every check: each of Kamailio's 17 and each URI is named in it.
TEST(SanityEdgeConfig, NamesEveryCheckAndEveryUri) {
    const std::string text = readBytes(std::filesystem::path{sourceDir()} / "conf/examples/sanity-edge.toml");
    for (const char *name : {"sizes", "ruri_sip_version", "ruri_scheme", "required_headers", "via1_header",
                             "rfc3261_compliance", "via_sip_version", "via_protocol", "cseq_method", "cseq_value",
                             "content_length", "expires_value", "proxy_require", "parse_uris", "digest_credentials",
                             "authorization", "duplicated_tags", "ruri", "from", "to", "contact"})
        EXPECT_NE(text.find("\"" + std::string{name} + "\""), std::string::npos) << name;
}

TEST_F(SanityEdge, EveryTortureMessageOverUdpGetsItsAnswer) {
    const auto replies = expectCorpusOverUdp(&TortureExpectation::edge);
    ASSERT_TRUE(replies.count("bext01.0ha0isndaksdj"));
    const std::string bext01 = replies.at("bext01.0ha0isndaksdj").front();
    EXPECT_EQ(headerValue(bext01, "Unsupported"), "noProxiesSupportThis") << bext01;
    EXPECT_NE(headerValue(bext01, "To").find(";tag="), std::string::npos) << bext01;
}

TEST_F(SanityEdge, TortureMessagesOverTcpGetTheSameAnswers) { expectCorpusOverTcp(&TortureExpectation::edge); }

TEST_F(SanityRfcClean, EveryTortureMessageOverUdpGetsItsAnswer) {
    expectCorpusOverUdp(&TortureExpectation::rfc_clean);
}

TEST_F(SanityRfcClean, TortureMessagesOverTcpGetTheSameAnswers) {
    expectCorpusOverTcp(&TortureExpectation::rfc_clean);
}

// A sipp client sends broken requests and expects sanity's exact status lines, over UDP and TCP.
class SanitySipp : public SanityEdge, public ::testing::WithParamInterface<std::string> {};

TEST_P(SanitySipp, BrokenRequestsGetSanitysCodes) {
    const auto scenario = daemon_->dir().write("sanity.xml", sippScenario());
    const std::string transport = GetParam() == "tcp" ? "t1" : "u1";
    const auto result = run({"sipp", "-sf", scenario.string(), "127.0.0.1:" + std::to_string(daemon_->port()), "-i",
                             "127.0.0.1", "-p", std::to_string(freePort()), "-t", transport, "-m", "1", "-nostdin",
                             "-timeout", "20s", "-timeout_error", "-trace_err", "-error_file",
                             daemon_->dir().file("sipp-errors.log").string()},
                            30s);
    EXPECT_EQ(result.exit_code, 0) << result.output << "\n--- daemon:\n" << daemon_->log();
}

INSTANTIATE_TEST_SUITE_P(Transports, SanitySipp, ::testing::Values("udp", "tcp"));

TEST_F(SanityEdge, SipsakGets420ForAnUnsupportedProxyRequireOverUdpAndTcp) {
    const std::string broken = "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\nFrom: <sip:sipsak@127.0.0.1>;tag=1\r\n"
                               "To: <sip:bob@127.0.0.1>\r\nCall-ID: sipsak-420@test\r\nCSeq: 1 OPTIONS\r\n"
                               "Max-Forwards: 70\r\nProxy-Require: foo\r\nContent-Length: 0\r\n\r\n";
    const auto file = daemon_->dir().write("broken.sip", broken);
    const std::string target = "sip:bob@127.0.0.1:" + std::to_string(daemon_->port());
    for (const std::string transport : {"udp", "tcp"}) {
        const auto result = run({"sipsak", "-f", file.string(), "-s", target, "-E", transport, "-vv"}, 15s);
        EXPECT_NE(result.output.find("SIP/2.0 420 Bad Proxy Require Extension"), std::string::npos)
            << transport << "\n" << result.output;
        EXPECT_NE(result.output.find("Unsupported: foo"), std::string::npos) << transport << "\n" << result.output;
    }
    const auto ok = run({"sipsak", "-s", target, "-vv"}, 15s);
    EXPECT_EQ(ok.exit_code, 0) << ok.output;
    EXPECT_NE(ok.output.find("200 OK"), std::string::npos) << ok.output;
}

std::vector<std::string> fuzzSeeds() {
    std::vector<std::string> seeds;
    for (const TortureExpectation &expected : kTortureCorpus) seeds.push_back(torture(expected.name));
    RequestSpec spec;
    spec.ruri = "sip:bob@127.0.0.1";
    spec.extra_headers = "Proxy-Require: foo\r\nExpires: 60\r\nAuthorization: Digest username=\"a\", realm=\"r\", "
                         "nonce=\"n\", uri=\"sip:bob@127.0.0.1\", response=\"x\"\r\n";
    seeds.push_back(request(spec));
    return seeds;
}

TEST_F(SanityEdge, SurvivesTwoThousandMutatedMessagesAndKeepsAnswering) {
    const auto started = std::chrono::steady_clock::now();
    const std::vector<std::string> seeds = fuzzSeeds();
    SipMutator mutator{4475};
    SipSocket client{SipSocket::Kind::Udp, kViaPort}; // also where most answers go
    size_t answers = 0;
    for (int i = 0; i < 2000; ++i) {
        const std::string message = mutator.mutate(seeds[static_cast<size_t>(i) % seeds.size()]);
        ASSERT_TRUE(client.sendTo(daemon_->port(), message.substr(0, 60000)));
        while (client.receive(0ms)) ++answers;
        if (i % 50 == 49) std::this_thread::sleep_for(5ms);
    }
    while (client.receive(300ms)) ++answers;
    // And over TCP, a fresh connection each time since a mutation may break the framing.
    for (int i = 0; i < 300; ++i) {
        SipSocket stream{SipSocket::Kind::Tcp};
        ASSERT_TRUE(stream.connect(daemon_->port()));
        stream.sendTo(daemon_->port(), mutator.mutate(seeds[static_cast<size_t>(i) % seeds.size()]));
        if (stream.receive(5ms)) ++answers;
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    std::cout << "[ fuzz     ] 2300 mutated messages in " << elapsed.count() << " ms, " << answers
              << " answers seen\n";
    EXPECT_LT(elapsed, 60s);
    EXPECT_EQ(optionsAnswer(SipSocket::Kind::Udp), "SIP/2.0 200 OK") << daemon_->log();
    EXPECT_EQ(optionsAnswer(SipSocket::Kind::Tcp), "SIP/2.0 200 OK") << daemon_->log();
    // Many mutations no longer frame: the core drops those before any plugin sees them.
    const auto stats = daemon_->rpc("core.stats");
    std::cout << "[ fuzz     ] core.stats " << stats.dump() << "\n";
    EXPECT_GT(stats["requests_received"].get<int>(), 500) << stats.dump();
}

// Kamailio's #1543: log the failure, then send the reply sanity kept.
constexpr const char *kNoreplyConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@"]
workers = 1
log_level = "info"

[control]
socket = "@SOCKET@"

[plugins.sl]

[plugins.sanity]
noreply = true
autodrop = false
proxy_require = "100rel, timer"

[[route.request]]
call = "sanity.sanity_check"
args = [["required_headers", "proxy_require"]]
on_false = [{ log = "sanity refused $ci" }, { call = "sanity.sanity_reply" }, "exit"]

[[route.request]]
reply = [200, "OK"]
)toml";

class SanityNoreply : public SanityDaemon {
protected:
    std::string config() const override { return kNoreplyConfig; }
};

TEST_F(SanityNoreply, TheRouteLogsThenSendsTheKeptReply) {
    SipSocket client{SipSocket::Kind::Udp};
    RequestSpec spec;
    spec.local_port = client.port();
    spec.ruri = "sip:bob@127.0.0.1";
    spec.call_id = "kept@test";
    spec.extra_headers = "Proxy-Require: timer, sec-agree\r\n";
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
    const auto reply = client.receive(3s);
    ASSERT_TRUE(reply) << daemon_->log();
    EXPECT_EQ(statusLine(*reply), "SIP/2.0 420 Bad Proxy Require Extension");
    EXPECT_EQ(headerValue(*reply, "Unsupported"), "sec-agree");
    EXPECT_FALSE(client.receive(300ms)) << "exactly one reply";
    EXPECT_NE(daemon_->log().find("sanity refused kept@test"), std::string::npos) << daemon_->log();

    spec.call_id = "fine@test";
    spec.branch = "z9hG4bK-test-2";
    spec.extra_headers = "Proxy-Require: 100rel\r\n";
    ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
    const auto fine = client.receive(3s);
    ASSERT_TRUE(fine);
    EXPECT_EQ(statusLine(*fine), "SIP/2.0 200 OK");
}

// Kamailio's sanity_check("$var(m)"): the checks come from the message, here a header.
constexpr const char *kVariableConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@"]
workers = 1

[control]
socket = "@SOCKET@"

[plugins.sl]

[plugins.sanity]

[[route.request]]
call = "sanity.check"
args = ["$hdr(X-Checks)"]
on_false = { reply = [500, "Not A Mask"] }

[[route.request]]
reply = [200, "OK"]
)toml";

class SanityVariableChecks : public SanityDaemon {
protected:
    std::string config() const override { return kVariableConfig; }
};

TEST_F(SanityVariableChecks, TheChecksComeFromTheMessageByNameOrNumber) {
    SipSocket client{SipSocket::Kind::Udp};
    const std::pair<const char *, const char *> cases[] = {
        {"proxy_require", "SIP/2.0 420 Bad Proxy Require Extension"},
        {"512", "SIP/2.0 420 Bad Proxy Require Extension"},
        {"cseq_value", "SIP/2.0 200 OK"},        // proxy_require is not run
        {"no_such_check", "SIP/2.0 500 Not A Mask"}, // -1: not a mask
        {"131072", "SIP/2.0 500 Not A Mask"},
    };
    int n = 0;
    for (const auto &[checks, answer] : cases) {
        RequestSpec spec;
        spec.local_port = client.port();
        spec.ruri = "sip:bob@127.0.0.1";
        spec.call_id = "variable-" + std::to_string(++n) + "@test";
        spec.branch = "z9hG4bK-variable-" + std::to_string(n);
        spec.extra_headers = std::string{"X-Checks: "} + checks + "\r\nProxy-Require: foo\r\n";
        ASSERT_TRUE(client.sendTo(daemon_->port(), request(spec)));
        const auto reply = client.receive(3s);
        ASSERT_TRUE(reply) << checks << "\n" << daemon_->log();
        EXPECT_EQ(statusLine(*reply), answer) << checks;
    }
}

// Each refused configuration: the daemon exits 1 naming the file and the line of the bad value.
void expectRefusal(const std::string &config_text, const std::string &expected_line, const std::string &message) {
    TempDir dir;
    const auto config = dir.write("sanity.toml", config_text);
    const auto result = run({daemonPath(), "--check-config", "--config", config.string(), "--plugin-dir", pluginDir()}, 20s);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find(config.string() + ":" + expected_line + ": " + message), std::string::npos)
        << result.output;
}

TEST(SanityConfiguration, AnUnknownCheckNameIsRefusedAtStartWithFileAndLine) {
    expectRefusal("[core]\nlisten = [\"udp:127.0.0.1:5999\"]\n\n[plugins.sl]\n[plugins.sanity]\n\n"
                  "[[route.request]]\ncall = \"sanity.check\"\nargs = [[\"ruri_sip_version\", \"cseq_valeu\"]]\n",
                  "8", "sanity.check: msg_checks: unknown check 'cseq_valeu' (known: ruri_sip_version,");
    expectRefusal("[core]\nlisten = [\"udp:127.0.0.1:5999\"]\n\n[plugins.sl]\n[plugins.sanity]\n\n"
                  "[[route.request]]\ncall = \"sanity.check\"\nargs = [17895, 16]\n",
                  "8", "sanity.check: uri_checks must be in 1..15, got 16");
}

TEST(SanityConfiguration, BadParametersAndAMissingSlAreRefused) {
    expectRefusal("[core]\nlisten = [\"udp:127.0.0.1:5999\"]\n\n[plugins.sl]\n\n[plugins.sanity]\n"
                  "default_checks = [\"ruri_scheme\", \"nope\"]\n",
                  "7", "plugin 'sanity' refused its configuration: sanity: default_checks: unknown check 'nope'");
    expectRefusal("[core]\nlisten = [\"udp:127.0.0.1:5999\"]\n\n[plugins.sl]\n\n[plugins.sanity]\n"
                  "uri_checks = [\"ruri\", \"fron\"]\n",
                  "7", "plugin 'sanity' refused its configuration: sanity: uri_checks: unknown check 'fron' (known: ruri,");
    TempDir dir;
    const auto config = dir.write("nosl.toml", "[core]\nlisten = [\"udp:127.0.0.1:5999\"]\n\n[plugins.sanity]\n\n"
                                               "[[route.request]]\ncall = \"sanity.check\"\n");
    const auto result = run({daemonPath(), "--config", config.string(), "--plugin-dir", pluginDir()}, 20s);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("sanity replies through the sl plugin: add [plugins.sl] to the configuration"),
              std::string::npos)
        << result.output;
}

}  // namespace
}  // namespace sipline::test
