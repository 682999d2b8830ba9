// A SIP scanner against conf/examples/ipban.toml: sipvicious' svmap fingerprints the daemon from
// 127.0.0.2 and svwar enumerates extensions from 127.0.0.1 (svwar ignores -b: Debian's 0.3.x
// never hands the binding address to its scanner, so it sends from the route's source); the
// ban list (htable) takes svwar's address in, while a sipp client on 127.0.0.3 gets 200 OK for
// every request throughout, and svmap's single probe stays under the threshold.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "daemon_process.hpp"
#include "htable_config.hpp"
#include "sipp_options.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char *kMapper = "127.0.0.2";
constexpr const char *kScanner = "127.0.0.1"; // svwar's source
constexpr const char *kGoodClient = "127.0.0.3";

// conf/examples/ipban.toml as shipped (50 requests in 10 s, a 300 s ban), on the test's ports.
std::string ipbanConfig() {
    std::string text = readFile(std::filesystem::path{sourceDir()} / "conf/examples/ipban.toml");
    replaceOnce(text, R"(["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"])", R"(["udp:127.0.0.1:@PORT@", "tcp:127.0.0.1:@PORT@"])");
    replaceOnce(text, R"(socket = "/run/sipline/sipline.sock")", R"(socket = "@SOCKET@")");
    return text;
}

bool sipviciousInstalled() { return std::filesystem::exists("/usr/bin/svmap") && std::filesystem::exists("/usr/bin/svwar"); }

TEST(Scanner, SipviciousGetsItsSourceBannedWhileAGoodClientIsServed) {
    ASSERT_TRUE(sipviciousInstalled()) << "the sipvicious package (svmap, svwar) is required";
    DaemonProcess daemon{ipbanConfig()};
    ASSERT_TRUE(daemon.ready()) << daemon.log();
    const std::string port = std::to_string(daemon.port());
    // Every call must be answered 200: a 403 (ban) or a timeout fails it.
    const auto scenario = daemon.dir().write("good.xml", sippOptionsScenario("good"));
    // sipvicious keeps its sessions under $HOME/.sipvicious.
    const std::string home = "HOME=" + daemon.dir().path().string();

    // The good client: 40 OPTIONS at 5 per second (8 s), below the ban's 50 per 10 s.
    Process good{{"sipp", "127.0.0.1:" + port, "-sf", scenario.string(), "-i", kGoodClient, "-p",
                  std::to_string(freePort()), "-m", "40", "-r", "5", "-nostdin", "-timeout", "30s", "-timeout_error",
                  "-recv_timeout", "2000"},
                 daemon.dir().file("good.log").string()};

    const RunResult map = run({"env", home, "svmap", "-b", kMapper, "-x", kMapper, "-p", port, "127.0.0.1"}, 30s);
    EXPECT_FALSE(map.timed_out) << map.output;
    EXPECT_NE(map.output.find("127.0.0.1:" + port), std::string::npos) << "svmap found the daemon\n" << map.output;
    // Read now: the count lives 10 s (the example's window).
    const json probes = daemon.rpc("htable.get", json::array({"ipcount", kMapper}));
    EXPECT_GE(probes["item"]["value"].get<int>(), 1) << "svmap's probe came from " << kMapper << ": " << probes.dump();

    const RunResult war = run({"env", home, "svwar", "-x", kScanner, "-p", port, "-m", "OPTIONS",
                               "-e", "100-299", "--force", "--maximumtime=20", "127.0.0.1"},
                              40s);
    EXPECT_FALSE(war.timed_out) << war.output;

    const json banned = daemon.rpc("htable.dump", json::array({"ipban"}));
    const std::string dump = banned.dump();
    EXPECT_NE(dump.find(std::string{"\""} + kScanner + "\""), std::string::npos) << dump << "\n" << daemon.log();
    EXPECT_EQ(dump.find(kGoodClient), std::string::npos) << "the good client is not banned: " << dump;
    EXPECT_EQ(dump.find(kMapper), std::string::npos) << "one probe is no flood: " << dump;
    EXPECT_NE(daemon.log().find(std::string{"banning "} + kScanner), std::string::npos) << daemon.log();

    EXPECT_EQ(good.wait(40s), 0) << "every good request got 200\n" << readFile(daemon.dir().file("good.log"));
    EXPECT_EQ(daemon.stop(), 0) << daemon.log();
}

}  // namespace
}  // namespace sipline::test
