// Runs the built siplinectl binary against a ControlServer in this process.
#include <gtest/gtest.h>

#include <stdexcept>

#include "control/control_server.hpp"
#include "test_support.hpp"

namespace sipline::control {
namespace {
using nlohmann::json;
using test::ProcessResult;

class SiplinectlTest : public ::testing::Test {
protected:
    SiplinectlTest() {
        registry.add("core.info", "Facts about the daemon.", [](const json &) {
            return json{{"name", "sipline"}, {"uptime", 35}, {"listen", {"udp:5060", "tcp:5060"}}};
        });
        registry.add("ul.dump", "All registrations.", [](const json &) {
            return json::array({json{{"aor", "alice"}, {"expires", 60}},
                                json{{"aor", "bob"}, {"expires", 30}}});
        });
        // Describes each param's JSON type, to check the typing of arguments.
        registry.add("test.types", "Types of the params.", [](const json &params) {
            json types = json::array();
            for (const auto &param : params) types.push_back(param.type_name());
            return types;
        });
        registry.add("test.echo", "Returns its params.", [](const json &params) { return params; });
        registry.add("test.fail", "Always fails.",
                     [](const json &) -> json { throw RpcFault{-32001, "user not found"}; });
        server.start();
    }

    ProcessResult ctl(std::vector<std::string> args, bool with_socket = true) {
        if (with_socket) args.insert(args.begin(), {"--socket", socket_path});
        return test::run(SIPLINECTL_PATH, args);
    }

    test::TempDir dir;
    std::string socket_path = dir.file("sipline.sock");
    MethodRegistry registry;
    ControlServer server{registry, {.socket_path = socket_path}};
};

TEST_F(SiplinectlTest, PrintsAnObjectReadably) {
    const ProcessResult result = ctl({"core.info"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "listen:\n  udp:5060\n  tcp:5060\nname: sipline\nuptime: 35\n");
    EXPECT_EQ(result.err, "");
}

TEST_F(SiplinectlTest, PrintsArraysOfObjectsAsBlocks) {
    const ProcessResult result = ctl({"ul.dump"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "aor: alice\nexpires: 60\n\naor: bob\nexpires: 30\n");
}

TEST_F(SiplinectlTest, PrintsScalarsAndListsPlainly) {
    ProcessResult result = ctl({"system.methodHelp", "core.info"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Facts about the daemon.\n");
    result = ctl({"system.listMethods"});
    EXPECT_EQ(result.out,
              "core.info\nsystem.listMethods\nsystem.methodHelp\ntest.echo\ntest.fail\n"
              "test.types\nul.dump\n");
}

TEST_F(SiplinectlTest, JsonOptionPrintsTheRawResult) {
    const ProcessResult result = ctl({"--json", "ul.dump"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "[\n  {\n    \"aor\": \"alice\",\n    \"expires\": 60\n  },\n"
                          "  {\n    \"aor\": \"bob\",\n    \"expires\": 30\n  }\n]\n");
}

TEST_F(SiplinectlTest, TypesArguments) {
    const ProcessResult result = ctl({"--json", "test.types", "15", "alice", "s:15", "i:7", "-2"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json::parse(result.out), json({"number", "string", "string", "number", "number"}));
    const ProcessResult echo = ctl({"--json", "test.echo", "15", "s:15", "007"});
    EXPECT_EQ(json::parse(echo.out), json::parse(R"([15, "15", "007"])"));
}

TEST_F(SiplinectlTest, BadIntegerArgumentIsAUsageError) {
    const ProcessResult result = ctl({"test.echo", "i:abc"});
    EXPECT_EQ(result.exit_code, 64);
    EXPECT_NE(result.err.find("not an integer: i:abc"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("usage: siplinectl"), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "");
}

TEST_F(SiplinectlTest, MethodErrorsGoToStderrWithExit1) {
    ProcessResult result = ctl({"test.fail"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "error: -32001 user not found\n");
    EXPECT_EQ(result.out, "");
    result = ctl({"no.such.method"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err.rfind("error: -32601 ", 0), 0u) << result.err;
}

TEST_F(SiplinectlTest, MissingSocketExits2) {
    const std::string missing = dir.file("missing.sock");
    const ProcessResult result = test::run(SIPLINECTL_PATH, {"--socket", missing, "core.info"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "siplinectl: cannot connect to " + missing +
                              ": No such file or directory\n");
}

TEST_F(SiplinectlTest, StoppedServerExits2) {
    server.stop();
    const ProcessResult result = ctl({"core.info"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err.rfind("siplinectl: cannot connect to " + socket_path + ": ", 0), 0u)
        << result.err;
}

TEST_F(SiplinectlTest, ReadsTheSocketFromAConfigFile) {
    const std::string config = dir.file("sipline.toml");
    test::writeFile(config, "[control]\nsocket = \"" + socket_path + "\"\n");
    const ProcessResult result = ctl({"--config", config, "system.methodHelp", "ul.dump"}, false);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "All registrations.\n");
}

TEST_F(SiplinectlTest, SocketOptionWinsOverConfig) {
    const std::string config = dir.file("sipline.toml");
    test::writeFile(config, "[control]\nsocket = \"" + dir.file("elsewhere.sock") + "\"\n");
    const ProcessResult result =
        ctl({"--socket", socket_path, "--config", config, "system.methodHelp", "ul.dump"}, false);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "All registrations.\n");
}

TEST_F(SiplinectlTest, BrokenConfigExits78) {
    const std::string config = dir.file("broken.toml");
    test::writeFile(config, "[control\n");
    const ProcessResult result = ctl({"--config", config, "core.info"}, false);
    EXPECT_EQ(result.exit_code, 78);
    EXPECT_NE(result.err.find(config), std::string::npos) << result.err;
}

TEST_F(SiplinectlTest, UsageHelpAndVersion) {
    ProcessResult result = ctl({}, false);
    EXPECT_EQ(result.exit_code, 64);
    EXPECT_NE(result.err.find("usage: siplinectl"), std::string::npos);
    result = ctl({"--help"}, false);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_NE(result.out.find("usage: siplinectl"), std::string::npos);
    EXPECT_NE(result.out.find("s:VALUE"), std::string::npos);
    result = ctl({"--version"}, false);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out.rfind("siplinectl ", 0), 0u);
    result = ctl({"--frobnicate", "x"}, false);
    EXPECT_EQ(result.exit_code, 64);
}

TEST_F(SiplinectlTest, OversizedRequestIsReportedAsAnError) {
    ControlServer small{registry, {.socket_path = dir.file("small.sock"), .max_request_bytes = 512}};
    small.start();
    const ProcessResult result =
        test::run(SIPLINECTL_PATH, {"--socket", small.path(), "test.echo", std::string(100000, 'x')});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_EQ(result.err, "error: -32600 request too large\n");
}

}  // namespace
}  // namespace sipline::control
