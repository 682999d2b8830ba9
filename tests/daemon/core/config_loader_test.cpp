#include "config/config.hpp"

#include <gtest/gtest.h>

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
              "test.toml:3: unknown section 'routes' (expected core, control, relay, metrics, plugins, route)");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\"]\n[control]\nmode = \"0999\"\n"),
              "test.toml:4: control.mode must be an octal file mode such as \"0660\"");
    EXPECT_EQ(refusal("[core]\nworkers = 1\n"), "test.toml: core.listen: at least one listen address is required");
    EXPECT_EQ(refusal("[core]\nlisten = [\"udp:127.0.0.1:5060\", \"udp:127.0.0.1:5060\"]\n"),
              "test.toml:2: core.listen: 'udp:127.0.0.1:5060' is listed twice");
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
