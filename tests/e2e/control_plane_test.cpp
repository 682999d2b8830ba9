// The control plane of the real daemon: the Unix socket's mode and group, the TCP listener
// (off by default, loopback unless allowed, never without a token; siplinectl --tcp), and
// malformed JSON-RPC on either transport answered with errors while the daemon lives on.
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "daemon_process.hpp"
#include "raw_tcp.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char *kToken = "e2e-control-token-7f3a9c";

// @CONTROL@: extra [control] keys.
constexpr const char *kConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@", "tcp:127.0.0.1:@PORT@"]

[control]
socket = "@SOCKET@"
@CONTROL@

[[route.request]]
do = "drop"
)toml";

std::string configWith(const std::string &control) {
    std::string config = kConfig;
    config.replace(config.find("@CONTROL@"), 9, control);
    return config;
}

// The ports with a listening TCP socket in this network namespace (IPv4 and IPv6).
std::set<unsigned> listeningTcpPorts() {
    std::set<unsigned> ports;
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in{table};
        std::string line;
        std::getline(in, line); // the heading
        while (std::getline(in, line)) {
            std::istringstream fields{line};
            std::string slot, local, remote, state;
            fields >> slot >> local >> remote >> state;
            if (state == "0A") ports.insert(std::stoul(local.substr(local.rfind(':') + 1), nullptr, 16));
        }
    }
    return ports;
}

// Raw bytes to the control socket; the answer lines, one per request line.
std::vector<std::string> unixExchange(const std::string &path, const std::string &bytes, size_t lines) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    std::vector<std::string> out;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
        timeval limit{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        if (::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size())) {
            std::string buffer;
            char chunk[4096];
            while (out.size() < lines) {
                if (const size_t end = buffer.find('\n'); end != std::string::npos) {
                    out.push_back(buffer.substr(0, end));
                    buffer.erase(0, end + 1);
                    continue;
                }
                const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
                if (n <= 0) break;
                buffer.append(chunk, static_cast<size_t>(n));
            }
        }
    }
    ::close(fd);
    return out;
}

int errorCode(const std::string &line) {
    const json answer = json::parse(line, nullptr, false);
    return answer.is_object() && answer.contains("error") ? answer["error"]["code"].get<int>() : 0;
}

// Lines no JSON-RPC server should choke on.
const std::vector<std::string> &junk() {
    static const std::vector<std::string> lines{
        "{", "{\"jsonrpc\":\"2.0\",\"method\":", "not json at all", std::string{"\x00\x01\x02\xff\xfe", 5},
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{\"a\":\"\\ud800\"}x", std::string(5000, '{')};
    return lines;
}

TEST(ControlPlane, TheSocketGetsTheConfiguredModeAndGroup) {
    DaemonProcess daemon{configWith("mode = \"0640\"\ngroup = \"nogroup\"")};
    ASSERT_TRUE(daemon.ready()) << daemon.log();
    struct stat info{};
    ASSERT_EQ(::lstat(daemon.socket().c_str(), &info), 0);
    EXPECT_TRUE(S_ISSOCK(info.st_mode));
    EXPECT_EQ(info.st_mode & 07777, 0640u);
    const group *nogroup = ::getgrnam("nogroup");
    ASSERT_NE(nogroup, nullptr);
    EXPECT_EQ(info.st_gid, nogroup->gr_gid);
    EXPECT_EQ(daemon.stop(), 0);
    EXPECT_NE(::lstat(daemon.socket().c_str(), &info), 0) << "removed on a clean stop";
}

TEST(ControlPlane, NoTcpControlListenerUnlessConfigured) {
    DaemonProcess daemon{configWith("")};
    ASSERT_TRUE(daemon.ready()) << daemon.log();
    EXPECT_EQ(listeningTcpPorts(), std::set<unsigned>{daemon.port()}) << "only the SIP listener";
    EXPECT_EQ(daemon.log().find("JSON-RPC over TCP"), std::string::npos);
    EXPECT_EQ(daemon.stop(), 0);
}

TEST(ControlPlane, ATcpListenerIsRefusedWithoutATokenOrOffLoopback) {
    const uint16_t control_port = freePort();
    const std::string at = "127.0.0.1:" + std::to_string(control_port);
    TempDir dir;
    auto refused = [&](const std::string &name, const std::string &control) {
        std::string text = configWith(control);
        for (const auto &[from, to] : {std::pair<std::string, std::string>{"@PORT@", std::to_string(freePort())},
                                       {"@SOCKET@", (dir.path() / (name + ".sock")).string()}})
            text.replace(text.find(from), from.size(), to);
        const auto file = dir.write(name + ".toml", text);
        return run({daemonPath(), "--config", file.string(), "--plugin-dir", pluginDir()}, 10s);
    };
    RunResult r = refused("no-token", "listen = \"tcp:" + at + "\"");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("control.listen needs control.token or control.token_file"), std::string::npos) << r.output;
    r = refused("anywhere", "listen = \"tcp:0.0.0.0:" + std::to_string(control_port) + "\"\ntoken = \"" + kToken + "\"");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("is not a loopback address (set control.allow_remote = true"), std::string::npos)
        << r.output;
    EXPECT_TRUE(listeningTcpPorts().empty()) << "neither daemon got as far as listening";
}

class TcpControl : public ::testing::Test {
protected:
    void SetUp() override {
        daemon_ = std::make_unique<DaemonProcess>(
            configWith("listen = \"tcp:127.0.0.1:" + std::to_string(control_port_) + "\"\ntoken = \"" + kToken + "\""));
        ASSERT_TRUE(daemon_->ready()) << daemon_->log();
    }
    void TearDown() override { EXPECT_EQ(daemon_->stop(), 0) << daemon_->log(); }
    std::string address() const { return "127.0.0.1:" + std::to_string(control_port_); }
    RunResult ctl(const std::vector<std::string> &options, const std::vector<std::string> &env = {}) {
        std::vector<std::string> argv{"env"};
        argv.insert(argv.end(), env.begin(), env.end());
        argv.push_back(siplinectlPath());
        argv.insert(argv.end(), options.begin(), options.end());
        return run(argv, 10s);
    }

    uint16_t control_port_ = freePort();
    std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(TcpControl, AGoodTokenWorksFromTheOptionOrTheEnvironment) {
    // Logged just after the listeners open, so possibly after the socket first answered.
    const std::string announced = "JSON-RPC over TCP on tcp:" + address() + " (token required)";
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    while (daemon_->log().find(announced) == std::string::npos && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    EXPECT_NE(daemon_->log().find(announced), std::string::npos) << daemon_->log();
    RunResult r = ctl({"--tcp", address(), "--token", kToken, "--json", "core.version"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("\"version\""), std::string::npos) << r.output;
    r = ctl({"--tcp", address(), "core.uptime"}, {std::string{"SIPLINE_CONTROL_TOKEN="} + kToken});
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(TcpControl, AWrongOrMissingTokenIsRefused) {
    RunResult r = ctl({"--tcp", address(), "--token", "e2e-control-token-7f3a9d", "core.version"});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("error: -32001 Unauthorized"), std::string::npos) << r.output;
    r = ctl({"--tcp", address(), "core.version"}, {"SIPLINE_CONTROL_TOKEN="});
    EXPECT_EQ(r.exit_code, 64) << "siplinectl will not send a request without a token\n" << r.output;

    RawTcp raw{control_port_};
    ASSERT_TRUE(raw.send(R"({"jsonrpc":"2.0","method":"core.version","id":4})" "\n"));
    const auto answer = raw.receiveLine(5s);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(errorCode(*answer), -32001) << *answer;
    EXPECT_EQ(json::parse(*answer)["id"], 4);
    EXPECT_NE(daemon_->log().find("refused: missing or wrong token"), std::string::npos) << daemon_->log();
}

TEST_F(TcpControl, MalformedJsonOverTcpAndUnixGetsParseErrorsAndTheDaemonLivesOn) {
    std::string all;
    for (const std::string &line : junk()) all += line + "\n";
    RawTcp raw{control_port_};
    ASSERT_TRUE(raw.send(all));
    for (const std::string &line : junk()) {
        const auto answer = raw.receiveLine(5s);
        ASSERT_TRUE(answer.has_value()) << "no answer over TCP to " << line.substr(0, 40);
        EXPECT_EQ(errorCode(*answer), -32700) << line.substr(0, 40) << " -> " << *answer;
    }
    const auto unix_answers = unixExchange(daemon_->socket(), all, junk().size());
    ASSERT_EQ(unix_answers.size(), junk().size());
    for (const std::string &answer : unix_answers) EXPECT_EQ(errorCode(answer), -32700) << answer;

    // A line over the 1 MiB request limit: an error, that connection closed, nothing else.
    RawTcp huge{control_port_};
    huge.send(std::string((1 << 20) + 4096, 'x'));
    const auto too_large = huge.receiveLine(5s);
    ASSERT_TRUE(too_large.has_value());
    EXPECT_EQ(errorCode(*too_large), -32600) << *too_large;
    EXPECT_TRUE(huge.closedWithin(2s));

    EXPECT_TRUE(daemon_->rpc("core.uptime")["uptime"].is_number()) << "still answering on the socket";
    RunResult r = ctl({"--tcp", address(), "--token", kToken, "core.uptime"});
    EXPECT_EQ(r.exit_code, 0) << "and over TCP\n" << r.output;
}

}  // namespace
}  // namespace sipline::test
