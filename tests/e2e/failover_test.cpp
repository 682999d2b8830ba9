// conf/examples/failover.toml end to end: a sipp caller, sipline relaying statefully over
// dispatcher set 2, a primary that fails (silent, or 503) and a sipp UAS as the backup. The
// call completes through the backup, within fr_inv_timer when the primary is silent and at
// once when it refuses; the primary is marked down and later calls skip it.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "daemon_process.hpp"
#include "process.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string replaceAll(std::string text, const std::string &what, const std::string &with) {
    for (size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += with.size())
        text.replace(at, what.size(), with);
    return text;
}

// A UAS that refuses every INVITE with 503 and takes the ACK, for `calls` calls.
constexpr const char *kRefusingUas = R"xml(<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="refuse with 503">
  <recv request="INVITE" />
  <send><![CDATA[
SIP/2.0 503 Service Unavailable
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
  <recv request="ACK" />
</scenario>
)xml";

// The DEST object of a destination in dispatcher.list, wherever the nesting puts it.
std::optional<nlohmann::json> findDestination(const nlohmann::json &node, const std::string &uri) {
    if (node.is_object() && node.contains("URI") && node["URI"] == uri) return node;
    if (node.is_structured())
        for (const auto &child : node)
            if (auto found = findDestination(child, uri)) return found;
    return std::nullopt;
}

class FailoverExample : public ::testing::Test {
protected:
    // The example as shipped, on this test's ports, socket and list file.
    void start() {
        std::string list = readFile(std::filesystem::path{sourceDir()} / "conf/examples/failover.list");
        list = replaceAll(list, "127.0.0.1:5081", "127.0.0.1:" + std::to_string(primary_port));
        list = replaceAll(list, "127.0.0.1:5082", "127.0.0.1:" + std::to_string(backup_port));
        const auto list_path = files.write("failover.list", list);

        std::string config = readFile(std::filesystem::path{sourceDir()} / "conf/examples/failover.toml");
        config = replaceAll(config, "127.0.0.1:5060", "127.0.0.1:@PORT@");
        config = replaceAll(config, "/run/sipline/sipline.sock", "@SOCKET@");
        config = replaceAll(config, "\"failover.list\"", "\"" + list_path.string() + "\"");
        daemon = std::make_unique<DaemonProcess>(config);
        ASSERT_TRUE(daemon->ready()) << daemon->log();
    }

    // One sipp call (INVITE, 200, ACK, BYE) through sipline to the backup: how long it took.
    std::chrono::milliseconds call() {
        const auto began = Clock::now();
        const auto result = run({"sipp", "-sn", "uac", "127.0.0.1:" + std::to_string(backup_port), "-rsa",
                                 "127.0.0.1:" + std::to_string(daemon->port()), "-i", "127.0.0.1", "-p",
                                 std::to_string(freePort()), "-m", "1", "-nostdin", "-timeout", "15s",
                                 "-timeout_error", "-d", "100"},
                                20s);
        EXPECT_EQ(result.exit_code, 0) << result.output << "\n--- daemon:\n" << daemon->log();
        return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
    }

    std::unique_ptr<Process> backupUas(int calls) {
        return std::make_unique<Process>(
            std::vector<std::string>{"sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", std::to_string(backup_port), "-m",
                                     std::to_string(calls), "-nostdin", "-timeout", "30s"},
            files.file("backup.log").string());
    }

    std::string primaryFlags() {
        const auto dest = findDestination(daemon->rpc("dispatcher.list"),
                                          "sip:127.0.0.1:" + std::to_string(primary_port));
        return dest ? dest->value("FLAGS", "") : "(not listed)";
    }

    TempDir files;
    uint16_t primary_port = freePort();
    uint16_t backup_port = freePort();
    std::unique_ptr<DaemonProcess> daemon;
};

TEST_F(FailoverExample, ASilentPrimaryFailsOverWithinTheTimerAndIsThenSkipped) {
    SipSocket primary{SipSocket::Kind::Udp, primary_port}; // takes every INVITE, answers none
    start();
    auto backup = backupUas(2);
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(primaryFlags(), "AP");

    const auto first = call();
    std::printf("[ measured ] silent primary: call completed through the backup in %lld ms\n",
                static_cast<long long>(first.count()));
    EXPECT_GE(first, 2000ms) << "fr_timer (2 s) runs out before the failover";
    EXPECT_LT(first, 3500ms) << "and the backup takes the call at once";
    EXPECT_EQ(primaryFlags(), "IP") << "the failure route marked the primary inactive and probing";

    bool primary_saw_invite = false;
    while (auto m = primary.receive(50ms)) primary_saw_invite |= m->rfind("INVITE ", 0) == 0;
    EXPECT_TRUE(primary_saw_invite) << "the primary was tried first";

    const auto second = call();
    std::printf("[ measured ] primary marked down: next call took %lld ms\n", static_cast<long long>(second.count()));
    EXPECT_LT(second, 1500ms) << "an inactive primary is not tried again";
    EXPECT_EQ(backup->wait(10s), 0);
}

TEST_F(FailoverExample, APrimaryAnswering503FailsOverAtOnce) {
    const auto scenario = files.write("refuse.xml", kRefusingUas);
    Process primary{{"sipp", "-sf", scenario.string(), "-i", "127.0.0.1", "-p", std::to_string(primary_port), "-m",
                     "1", "-nostdin", "-timeout", "30s"},
                    files.file("primary.log").string()};
    start();
    auto backup = backupUas(1);
    std::this_thread::sleep_for(300ms);

    const auto took = call();
    std::printf("[ measured ] 503 from the primary: call completed through the backup in %lld ms\n",
                static_cast<long long>(took.count()));
    EXPECT_LT(took, 1500ms) << "a 503 fails over without waiting for a timer";
    EXPECT_EQ(primary.wait(10s), 0) << "the primary got its INVITE and the hop-by-hop ACK for its 503";
    EXPECT_EQ(backup->wait(10s), 0);
    EXPECT_EQ(primaryFlags(), "IP");
}

}  // namespace
}  // namespace sipline::test
