// Configuration reload end to end: siplinectl core.reload and SIGHUP swap the routes in while
// sipp sends traffic (none lost), a bad file is refused and the running routes stay, a changed
// plugin section needs a restart, and plugin state (an htable item) survives.
#include <gtest/gtest.h>

#include <csignal>
#include <thread>

#include "daemon_process.hpp"
#include "process.hpp"
#include "requests.hpp"
#include "sip_socket.hpp"
#include "sipp_options.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;

// OPTIONS are answered 200 with the reason @REASON@.
constexpr const char *kConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@"]
workers = 2

[control]
socket = "@SOCKET@"

[plugins.sl]

[plugins.htable]
tables = [{ name = "seen", size = 4 }]

[[route.request]]
if = '$rm == "OPTIONS"'
then = { reply = [200, "@REASON@"] }
)toml";

std::string withReason(const std::string &reason) {
    std::string text = kConfig;
    text.replace(text.find("@REASON@"), 8, reason);
    return text;
}

class Reload : public ::testing::Test {
protected:
    void SetUp() override {
        daemon = std::make_unique<DaemonProcess>(withReason("Before"));
        ASSERT_TRUE(daemon->ready()) << daemon->log();
    }
    // Rewrites the daemon's config file (the test's template, expanded as at start).
    void rewrite(const std::string &config_template) {
        daemon->dir().write("sipline.toml", daemon->expand(config_template));
    }
    RunResult ctl(const std::vector<std::string> &args) {
        std::vector<std::string> argv{siplinectlPath(), "--socket", daemon->socket()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv, 10s);
    }
    // The status line the daemon answers an OPTIONS with.
    std::string answer() {
        SipSocket socket{SipSocket::Kind::Udp};
        RequestSpec spec;
        spec.ruri = "sip:ping@127.0.0.1:" + std::to_string(daemon->port());
        spec.local_port = socket.port();
        spec.branch = "z9hG4bK-reload-" + std::to_string(++sent_);
        spec.call_id = "reload-" + std::to_string(sent_);
        socket.sendTo(daemon->port(), request(spec));
        const auto reply = socket.receive(2s);
        return reply ? reply->substr(0, reply->find("\r\n")) : "(no answer)";
    }

    std::unique_ptr<DaemonProcess> daemon;
    int sent_ = 0;
};

TEST_F(Reload, NewRoutesTakeEffectWhileTrafficFlowsAndNothingIsLost) {
    ASSERT_EQ(answer(), "SIP/2.0 200 Before");
    const auto scenario = daemon->dir().write("options.xml", sippOptionsScenario("reload"));
    // 1500 OPTIONS at 500/s (3 s), reloading twice in the middle.
    Process sipp{{"sipp", "-sf", scenario.string(), "127.0.0.1:" + std::to_string(daemon->port()), "-i", "127.0.0.1",
                  "-p", std::to_string(freePort()), "-m", "1500", "-r", "500", "-nostdin", "-timeout", "30s",
                  "-timeout_error", "-recv_timeout", "5000"},
                 daemon->dir().file("sipp.log").string()};
    std::this_thread::sleep_for(1s);
    rewrite(withReason("After"));
    const RunResult first = ctl({"core.reload"});
    EXPECT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("reloaded"), std::string::npos) << first.output;
    EXPECT_EQ(answer(), "SIP/2.0 200 After");
    std::this_thread::sleep_for(500ms);
    rewrite(withReason("Again"));
    EXPECT_EQ(ctl({"core.reload"}).exit_code, 0);
    EXPECT_EQ(answer(), "SIP/2.0 200 Again");
    EXPECT_EQ(sipp.wait(40s), 0) << "every OPTIONS answered through both reloads:\n"
                                 << readFile(daemon->dir().file("sipp.log")) << daemon->log();
}

TEST_F(Reload, ABrokenFileIsRefusedWithItsLineAndTheRunningRoutesStay) {
    daemon->dir().write("sipline.toml", daemon->expand(withReason("Broken")) + "\n[[route.request]]\ncall = \"nosuch.fn\"\n");
    const RunResult refused = ctl({"core.reload"});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.output.find("sipline.toml:"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("nosuch.fn"), std::string::npos) << refused.output;
    EXPECT_EQ(answer(), "SIP/2.0 200 Before");

    daemon->dir().write("sipline.toml", "[core\nlisten =");
    EXPECT_NE(ctl({"core.reload"}).exit_code, 0);
    EXPECT_EQ(answer(), "SIP/2.0 200 Before");
}

TEST_F(Reload, AChangedPluginSectionNeedsARestart) {
    std::string changed = withReason("Changed");
    changed.replace(changed.find("size = 4"), 8, "size = 6");
    rewrite(changed);
    const RunResult refused = ctl({"core.reload"});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.output.find("[plugins.htable] changed"), std::string::npos) << refused.output;
    EXPECT_EQ(answer(), "SIP/2.0 200 Before");
}

TEST_F(Reload, SighupReloadsAndPluginStateSurvives) {
    ASSERT_EQ(ctl({"htable.sets", "seen", "alice", "kept"}).exit_code, 0);
    rewrite(withReason("Hup"));
    ASSERT_EQ(::kill(daemon->pid(), SIGHUP), 0);
    std::string status;
    for (int i = 0; i < 20 && status != "SIP/2.0 200 Hup"; ++i) {
        std::this_thread::sleep_for(100ms);
        status = answer();
    }
    EXPECT_EQ(status, "SIP/2.0 200 Hup") << daemon->log();
    const RunResult item = ctl({"--json", "htable.get", "seen", "alice"});
    EXPECT_NE(item.output.find("kept"), std::string::npos) << item.output;
}

}  // namespace
}  // namespace sipline::test
