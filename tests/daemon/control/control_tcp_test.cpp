// The control server's optional TCP listener: the same JSON-RPC lines as the Unix socket,
// each request authenticated by its "auth" token; malformed input never stops the server.
#include "control/control_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

#include "control/token_gate.hpp"
#include "test_support.hpp"

namespace sipline::control {
namespace {
using nlohmann::json;
using test::Client;
namespace ip = boost::asio::ip;

constexpr const char *kToken = "tcp-control-token-0001";

std::string request(const std::string &method, const json &params, int id, const char *auth = kToken) {
    json out{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}, {"id", id}};
    if (auth) out["auth"] = auth;
    return out.dump() + "\n";
}

json parse(const std::optional<std::string> &line) {
    EXPECT_TRUE(line.has_value());
    return line ? json::parse(*line) : json{};
}

class ControlTcpTest : public ::testing::Test {
protected:
    ControlTcpTest() {
        registry.add("test.echo", "", [this](const json &params) {
            ++calls;
            return params;
        });
    }
    std::unique_ptr<ControlServer> startServer() {
        ControlServerOptions options{.socket_path = dir.file("control.sock")};
        options.tcp_listen = ip::tcp::endpoint{ip::address_v4::loopback(), port};
        options.tcp_token = kToken;
        options.on_unauthorized = [this](const std::string &peer) { refused_peers.push_back(peer); };
        auto server = std::make_unique<ControlServer>(registry, std::move(options));
        server->start();
        return server;
    }

    test::TempDir dir;
    uint16_t port = test::freeTcpPort();
    MethodRegistry registry;
    std::atomic<int> calls{0};
    std::vector<std::string> refused_peers; // written on the server thread, read after stop()
};

TEST_F(ControlTcpTest, AGoodTokenIsServedOverTcp) {
    auto server = startServer();
    Client client{port};
    client.send(request("test.echo", {"over tcp"}, 1));
    const json response = parse(client.readLine());
    EXPECT_EQ(response["result"], json({"over tcp"}));
    client.send(request("test.echo", {"again"}, 2));
    EXPECT_EQ(parse(client.readLine())["result"], json({"again"})) << "the connection stays open";
}

TEST_F(ControlTcpTest, MissingOrWrongTokensGetAnErrorAndRunNothing) {
    auto server = startServer();
    Client client{port};
    client.send(request("test.echo", {1}, 1, nullptr));
    EXPECT_EQ(parse(client.readLine())["error"]["code"], kUnauthorized);
    client.send(request("test.echo", {1}, 2, "tcp-control-token-0002"));
    const json wrong = parse(client.readLine());
    EXPECT_EQ(wrong["error"]["code"], kUnauthorized);
    EXPECT_EQ(wrong["id"], 2);
    EXPECT_EQ(calls, 0);
    server->stop();
    ASSERT_EQ(refused_peers.size(), 2u);
    EXPECT_EQ(refused_peers[0].rfind("127.0.0.1:", 0), 0u) << refused_peers[0];
}

TEST_F(ControlTcpTest, MalformedJsonGetsParseErrorsAndTheServerLivesOn) {
    auto server = startServer();
    {
        Client client{port};
        const std::vector<std::string> junk_lines{"{not json", std::string{"\x00\x01\xfe\xff", 4}, "[{\"jsonrpc\":", "}}}}",
                                                  "\"unterminated"};
        for (const std::string &junk : junk_lines) {
            client.send(junk + "\n");
            EXPECT_EQ(parse(client.readLine())["error"]["code"], kParseError) << junk;
        }
    }
    {
        Client truncated{port};
        truncated.send(R"({"jsonrpc":"2.0","method":"test.echo","auth":")");
        truncated.shutdownWrite(); // EOF in the middle of a request
        EXPECT_EQ(parse(truncated.readLine())["error"]["code"], kParseError);
    }
    Client after{port};
    after.send(request("test.echo", {"alive"}, 9));
    EXPECT_EQ(parse(after.readLine())["result"], json({"alive"}));
}

TEST_F(ControlTcpTest, TheUnixSocketNeedsNoToken) {
    auto server = startServer();
    Client local{dir.file("control.sock")};
    local.send(request("test.echo", {"local"}, 1, nullptr));
    EXPECT_EQ(parse(local.readLine())["result"], json({"local"}));
}

TEST_F(ControlTcpTest, StopClosesTheTcpListener) {
    auto server = startServer();
    server->stop();
    EXPECT_THROW(Client{port}, std::runtime_error);
}

TEST_F(ControlTcpTest, ABusyAddressFailsStartNamingItAndLeavesNoSocket) {
    auto first = startServer();
    ControlServerOptions options{.socket_path = dir.file("second.sock")};
    options.tcp_listen = ip::tcp::endpoint{ip::address_v4::loopback(), port};
    options.tcp_token = kToken;
    ControlServer second{registry, options};
    try {
        second.start();
        FAIL() << "started on a busy port";
    } catch (const std::runtime_error &e) {
        EXPECT_NE(std::string{e.what()}.find("control listener tcp:127.0.0.1:" + std::to_string(port) + ": cannot listen"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("second.sock")));
}

TEST_F(ControlTcpTest, AListenerWithoutATokenIsRefused) {
    ControlServerOptions options{.socket_path = dir.file("control.sock")};
    options.tcp_listen = ip::tcp::endpoint{ip::address_v4::loopback(), port};
    ControlServer server{registry, options};
    EXPECT_THROW(server.start(), std::invalid_argument);
}

}  // namespace
}  // namespace sipline::control
