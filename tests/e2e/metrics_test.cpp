// The Prometheus endpoint scraped over HTTP after known traffic: the core's counters per
// method and status class, and the plugins' own metrics (sanity failures per check, htable
// items, sl replies), each family typed once.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon_process.hpp"
#include "metrics_page.hpp"
#include "process.hpp"
#include "requests.hpp"
#include "sip_socket.hpp"

namespace sipline::test {
namespace {

using namespace std::chrono_literals;

constexpr const char *kConfig = R"toml(
[core]
listen = ["udp:127.0.0.1:@PORT@"]
workers = 2

[control]
socket = "@SOCKET@"

[metrics]
listen = "127.0.0.1:@METRICS@"

[plugins.sl]
[plugins.sanity]
[plugins.htable]
tables = [{ name = "seen", size = 4 }]

[[route.request]]
call = "sanity.check"

[[route.request]]
if = '$rm == "OPTIONS"'
then = { reply = [200, "OK"] }
)toml";

TEST(Metrics, TheEndpointCountsKnownTrafficForTheCoreAndThePlugins) {
    const uint16_t metrics_port = freePort();
    std::string config = kConfig;
    config.replace(config.find("@METRICS@"), 9, std::to_string(metrics_port));
    DaemonProcess daemon{config};
    ASSERT_TRUE(daemon.ready()) << daemon.log();

    SipSocket client{SipSocket::Kind::Udp};
    for (int i = 1; i <= 6; ++i) {
        RequestSpec spec;
        spec.ruri = "sip:ping@127.0.0.1:" + std::to_string(daemon.port());
        spec.local_port = client.port();
        spec.branch = "z9hG4bK-metrics-" + std::to_string(i);
        spec.call_id = "metrics-" + std::to_string(i);
        if (i == 6) spec.extra_headers = "Proxy-Require: foo\r\n"; // sanity answers 420
        ASSERT_TRUE(client.sendTo(daemon.port(), request(spec)));
        const auto reply = client.receive(2s);
        ASSERT_TRUE(reply) << daemon.log();
        EXPECT_EQ(statusCode(*reply), i == 6 ? 420 : 200);
    }
    ASSERT_EQ(run({siplinectlPath(), "--socket", daemon.socket(), "htable.sets", "seen", "alice", "x"}, 10s).exit_code, 0);

    const std::string response = httpGet(metrics_port, "/metrics");
    ASSERT_EQ(response.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << response;
    EXPECT_NE(response.find("Content-Type: text/plain; version=0.0.4"), std::string::npos) << response;
    const std::string page = response.substr(response.find("\r\n\r\n") + 3);

    EXPECT_EQ(sample(page, "sipline_requests_received_total{method=\"OPTIONS\"}"), 6) << page;
    EXPECT_EQ(sample(page, "sipline_requests_received_total{method=\"INVITE\"}"), 0) << page;
    EXPECT_EQ(sample(page, "sipline_replies_sent_total{class=\"2xx\"}"), 5) << page;
    EXPECT_EQ(sample(page, "sipline_replies_sent_total{class=\"4xx\"}"), 1) << page;
    EXPECT_EQ(sample(page, "sipline_parse_errors_total"), 0) << page;
    EXPECT_EQ(sample(page, "sipline_sanity_inspected_total"), 6) << page;
    EXPECT_EQ(sample(page, "sipline_sanity_failures_total{check=\"proxy_require\"}"), 1) << page;
    EXPECT_EQ(sample(page, "sipline_sanity_failures_total{check=\"cseq_value\"}"), 0) << page;
    EXPECT_EQ(sample(page, "sipline_htable_items{table=\"seen\"}"), 1) << page;
    EXPECT_EQ(sample(page, "sipline_htable_slots{table=\"seen\"}"), 16) << page;
    EXPECT_EQ(sample(page, "sipline_sl_send_failures_total"), 0) << page;
    // Each family is typed exactly once, before its samples.
    const std::string type_line = "# TYPE sipline_requests_received_total counter\n";
    ASSERT_NE(page.find(type_line), std::string::npos) << page;
    EXPECT_EQ(page.find(type_line, page.find(type_line) + 1), std::string::npos) << page;
    EXPECT_LT(page.find(type_line), page.find("sipline_requests_received_total{")) << page;

    EXPECT_EQ(httpGet(metrics_port, "/other").rfind("HTTP/1.0 404 Not Found\r\n", 0), 0u);
}

TEST(Metrics, OnlyALoopbackAddressIsAccepted) {
    TempDir dir;
    const auto config = dir.write("metrics.toml", "[core]\nlisten = [\"udp:127.0.0.1:5999\"]\n\n[metrics]\n"
                                                   "listen = \"0.0.0.0:9100\"\n");
    const RunResult result = run({daemonPath(), "--check-config", "--config", config.string(), "--plugin-dir",
                                  pluginDir()},
                                 10s);
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find("metrics.toml:5: metrics.listen: '0.0.0.0:9100' is not a loopback address"),
              std::string::npos)
        << result.output;
}

}  // namespace
}  // namespace sipline::test
