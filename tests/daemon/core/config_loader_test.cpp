#include "config/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sipline::test {
namespace {

std::string refusal(const std::string &toml) {
    try {
        config::parseConfig(toml, "test.toml");
    } catch (const config::ConfigError &e) {
        return e.what();
    }
    return "";
}

TEST(ConfigLoader, ReadsCoreAndControl) {
    auto c = config::parseConfig(R"toml(
[core]
listen = ["udp:127.0.0.1:5060", "tcp:[::1]:5070"]
workers = 3
[control]
socket = "/tmp/x.sock"
mode = "0600"
[plugins.sl]
)toml",
                                 "test.toml");
    ASSERT_EQ(c.core.listen.size(), 2u);
    EXPECT_EQ(c.core.listen[1].str(), "tcp:[::1]:5070");
    EXPECT_EQ(c.core.workers, 3u);
    EXPECT_EQ(c.control.socket, "/tmp/x.sock");
    EXPECT_EQ(c.control.mode, 0600u);
    ASSERT_EQ(c.plugins.size(), 1u);
    EXPECT_EQ(c.plugins[0].name, "sl");
    EXPECT_EQ(c.plugins[0].where.str(), "test.toml:8");
}

TEST(ConfigLoader, ErrorsNameFileLineAndReason) {
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\"]\nworkers = 0\n"),
              "test.toml:3: core.workers must be an integer in 1..64");
    EXPECT_EQ(refusal("[core]\nlisten = [\"sctp:127.0.0.1:5060\"]\n"),
              "test.toml:2: core.listen: 'sctp:127.0.0.1:5060': protocol must be udp or tcp");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:localhost:5060\"]\n"),
              "test.toml:2: core.listen: 'udp:localhost:5060': address must be an IP literal");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:0\"]\n"),
              "test.toml:2: core.listen: 'udp:127.0.0.1:0': port must be 1..65535");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\"]\nlisteners = 1\n"),
              "test.toml:3: unknown key core.listeners");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\"]\n[routes]\n"),
              "test.toml:3: unknown section 'routes' (expected core, control, relay, overload, metrics, plugins, route)");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\"]\n[control]\nmode = \"0999\"\n"),
              "test.toml:4: control.mode must be an octal file mode such as \"0660\"");
    EXPECT_EQ(refusal("[core]\nworkers = 1\n"), "test.toml: core.listen: at least one listen address is required");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\", \"udp:127.0.0.1:5060\"]\n"),
              "test.toml:2: core.listen: 'udp:127.0.0.1:5060' is listed twice");
}

TEST(ConfigLoader, TcpLimitsHaveDefaultsAndAreRead) {
    const std::string listen = "[core]\nlisten = [\"tcp:127.0.0.1:5060\"]\n";
    auto defaults = config::parseConfig(listen, "test.toml");
    EXPECT_EQ(defaults.core.tcp_max_connections_per_ip, 0u) << "no per-address limit unless set";
    EXPECT_EQ(defaults.core.tcp_message_timeout_s, 10u);
    auto c = config::parseConfig(listen + "tcp_max_connections_per_ip = 8\ntcp_message_timeout = 3\n", "test.toml");
    EXPECT_EQ(c.core.tcp_max_connections_per_ip, 8u);
    EXPECT_EQ(c.core.tcp_message_timeout_s, 3u);
    EXPECT_EQ(refusal(listen + "tcp_message_timeout = 0\n"),
              "test.toml:3: core.tcp_message_timeout must be an integer in 1..3600");
    EXPECT_EQ(refusal(listen + "tcp_max_connections_per_ip = -1\n"),
              "test.toml:3: core.tcp_max_connections_per_ip must be an integer in 0..1048576");
}

// The TCP control listener: off by default, loopback unless allow_remote, never without a token.
const std::string kControlBase = "[core]\nlisten = [\"udp:127.0.0.1:5060\"]\n[control]\n";
const std::string kToken = "token = \"0123456789abcdef\"\n";

TEST(ConfigLoader, ControlTcpListenerIsOffByDefault) {
    auto c = config::parseConfig(kControlBase, "test.toml");
    EXPECT_FALSE(c.control.listen.has_value());
    EXPECT_FALSE(c.control.allow_remote);
    EXPECT_TRUE(c.control.token.empty());
}

TEST(ConfigLoader, ControlTcpListenerWithToken) {
    auto c = config::parseConfig(kControlBase + "listen = \"tcp:127.0.0.1:9000\"\n" + kToken, "test.toml");
    ASSERT_TRUE(c.control.listen.has_value());
    EXPECT_EQ(c.control.listen->str(), "tcp:127.0.0.1:9000");
    EXPECT_EQ(c.control.token, "0123456789abcdef");
    auto v6 = config::parseConfig(kControlBase + "listen = \"tcp:[::1]:9000\"\n" + kToken, "test.toml");
    EXPECT_EQ(v6.control.listen->str(), "tcp:[::1]:9000");
}

TEST(ConfigLoader, ControlTcpListenerRefusals) {
    EXPECT_EQ(refusal(kControlBase + "listen = \"tcp:127.0.0.1:9000\"\n"),
              "test.toml:4: control.listen needs control.token or control.token_file: TCP control requests must "
              "authenticate");
    EXPECT_EQ(refusal(kControlBase + "listen = \"tcp:0.0.0.0:9000\"\n" + kToken),
              "test.toml:4: control.listen: 'tcp:0.0.0.0:9000' is not a loopback address (set control.allow_remote = "
              "true to accept control connections from other hosts)");
    EXPECT_EQ(refusal(kControlBase + "listen = \"udp:127.0.0.1:9000\"\n" + kToken),
              "test.toml:4: control.listen: 'udp:127.0.0.1:9000': must be tcp:ADDRESS:PORT");
    EXPECT_EQ(refusal(kControlBase + "listen = \"tcp:127.0.0.1\"\n" + kToken).rfind("test.toml:4: control.listen: ", 0),
              0u);
    EXPECT_EQ(refusal(kControlBase + "listen = \"tcp:127.0.0.1:9000\"\ntoken = \"short\"\n"),
              "test.toml:5: control.token must be at least 16 characters long");
    EXPECT_EQ(refusal(kControlBase + "token = \"0123456789 abcdef\"\n"),
              "test.toml:4: control.token must not contain spaces or control characters");
    EXPECT_EQ(refusal(kControlBase + kToken + "token_file = \"/x\"\n"),
              "test.toml:5: control.token and control.token_file are exclusive");
    EXPECT_EQ(refusal(kControlBase + "allow_remote = 1\n"), "test.toml:4: control.allow_remote must be true or false");
    EXPECT_EQ(refusal(kControlBase + "token_file = \"/nonexistent/token\"\n"),
              "test.toml:4: control.token_file: cannot read /nonexistent/token");
}

TEST(ConfigLoader, ControlAllowRemoteAcceptsAnyAddress) {
    auto c = config::parseConfig(kControlBase + "listen = \"tcp:0.0.0.0:9000\"\nallow_remote = true\n" + kToken,
                                 "test.toml");
    ASSERT_TRUE(c.control.listen.has_value());
    EXPECT_EQ(c.control.listen->str(), "tcp:0.0.0.0:9000");
}

TEST(ConfigLoader, ControlTokenFromAFileWithoutItsTrailingNewline) {
    char dir_template[] = "/tmp/sipline-token-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    const std::string file = std::string{dir_template} + "/token";
    std::ofstream{file} << "fedcba9876543210fedcba\n";
    auto c = config::parseConfig(kControlBase + "listen = \"tcp:127.0.0.1:9000\"\ntoken_file = \"" + file + "\"\n",
                                 "test.toml");
    EXPECT_EQ(c.control.token, "fedcba9876543210fedcba");
    std::ofstream{file, std::ios::trunc} << "short\n";
    EXPECT_EQ(refusal(kControlBase + "token_file = \"" + file + "\"\n"),
              "test.toml:4: control.token_file: the token in " + file + " must be at least 16 characters long");
    std::filesystem::remove_all(dir_template);
}

TEST(ConfigLoader, TomlSyntaxErrorsNameTheLine) {
    const std::string error = refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\"\nworkers = 2\n");
    EXPECT_EQ(error.rfind("test.toml:", 0), 0u) << error;
    EXPECT_NE(error.find("TOML syntax"), std::string::npos) << error;
}

TEST(ConfigLoader, AMissingFileIsAClearError) {
    try {
        config::loadConfig("/nonexistent/sipline.toml");
        FAIL();
    } catch (const config::ConfigError &e) {
        EXPECT_STREQ(e.what(), "/nonexistent/sipline.toml: cannot open the configuration file");
    }
}

}  // namespace
}  // namespace sipline::test
