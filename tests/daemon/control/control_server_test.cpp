#include "control/control_server.hpp"

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "test_support.hpp"

namespace sipline::control {
namespace {
using nlohmann::json;
using test::Client;
using namespace std::chrono_literals;

std::string request(const std::string &method, const json &params, int id) {
    return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}, {"id", id}}.dump();
}

json parse(const std::optional<std::string> &line) {
    EXPECT_TRUE(line.has_value());
    return line ? json::parse(*line) : json{};
}

bool fileExists(const std::string &path) {
    struct stat info{};
    return ::lstat(path.c_str(), &info) == 0;
}

// Leaves a socket file nobody listens on, as a crashed daemon would.
void makeStaleSocket(const std::string &path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    ::close(fd);
}

class ControlServerTest : public ::testing::Test {
protected:
    ControlServerTest() {
        registry.add("test.echo", "", [](const json &params) { return params; });
        registry.add("test.slowCount", "", [this](const json &) {
            std::this_thread::sleep_for(10ms);
            return json(++calls);
        });
    }

    std::unique_ptr<ControlServer> startServer(ControlServerOptions options = {}) {
        if (options.socket_path.empty()) options.socket_path = socket_path;
        auto server = std::make_unique<ControlServer>(registry, std::move(options));
        server->start();
        return server;
    }

    test::TempDir dir;
    std::string socket_path = dir.file("run/sub/control.sock");
    MethodRegistry registry;
    std::atomic<int> calls{0};
};

TEST_F(ControlServerTest, CreatesTheParentDirectoriesAndSocketWithConfiguredMode) {
    for (unsigned mode : {0660u, 0600u}) {
        auto server = startServer({.socket_path = socket_path, .file_mode = mode});
        struct stat info{};
        ASSERT_EQ(::stat(socket_path.c_str(), &info), 0);
        EXPECT_TRUE(S_ISSOCK(info.st_mode));
        EXPECT_EQ(info.st_mode & 07777, mode);
        ASSERT_EQ(::stat(dir.file("run/sub").c_str(), &info), 0);
        EXPECT_EQ(info.st_mode & 07777, 0755u);
        EXPECT_EQ(server->path(), socket_path);
    }
}

TEST_F(ControlServerTest, AnswersSeveralRequestsOnOneConnection) {
    auto server = startServer();
    Client client{socket_path};
    client.send(request("test.echo", {1}, 1) + "\n" + request("test.echo", {"two"}, 2) + "\n");
    EXPECT_EQ(parse(client.readLine())["result"], json({1}));
    EXPECT_EQ(parse(client.readLine())["result"], json({"two"}));
    client.send(request("system.listMethods", json::array(), 3) + "\n");
    const json third = parse(client.readLine());
    EXPECT_EQ(third["id"], 3);
    EXPECT_EQ(third["result"].size(), 4u);
}

TEST_F(ControlServerTest, AnswersARequestSplitOverWrites) {
    auto server = startServer();
    Client client{socket_path};
    const std::string text = request("test.echo", {"split"}, 1);
    client.send(text.substr(0, 10));
    std::this_thread::sleep_for(20ms);
    client.send(text.substr(10) + "\n");
    EXPECT_EQ(parse(client.readLine())["result"], json({"split"}));
}

TEST_F(ControlServerTest, AcceptsARequestTerminatedByEof) {
    auto server = startServer();
    Client client{socket_path};
    client.send(request("test.echo", {"eof"}, 5));
    client.shutdownWrite();
    EXPECT_EQ(parse(client.readLine())["result"], json({"eof"}));
    EXPECT_TRUE(client.closedByPeer());
}

TEST_F(ControlServerTest, NotificationsGetNoLine) {
    auto server = startServer();
    Client client{socket_path};
    client.send(R"({"jsonrpc":"2.0","method":"test.slowCount"})" "\n" +
                request("test.slowCount", json::array(), 2) + "\n");
    const json response = parse(client.readLine());
    EXPECT_EQ(response["id"], 2);
    EXPECT_EQ(response["result"], 2);
}

TEST_F(ControlServerTest, MalformedJsonGetsParseErrorAndTheConnectionStaysUsable) {
    auto server = startServer();
    Client client{socket_path};
    client.send("{this is not json\n");
    const json error = parse(client.readLine());
    EXPECT_EQ(error["error"]["code"], kParseError);
    EXPECT_TRUE(error["id"].is_null());
    client.send(request("test.echo", {"still here"}, 2) + "\n");
    EXPECT_EQ(parse(client.readLine())["result"], json({"still here"}));
}

TEST_F(ControlServerTest, OversizedRequestGetsAnErrorAndIsClosed) {
    auto server = startServer({.socket_path = socket_path, .max_request_bytes = 1024});
    Client client{socket_path};
    client.send(request("test.echo", {std::string(2000, 'x')}, 1) + "\n");
    const json error = parse(client.readLine());
    EXPECT_EQ(error["error"]["code"], kInvalidRequest);
    EXPECT_EQ(error["error"]["message"], "request too large");
    EXPECT_TRUE(client.closedByPeer());

    // A request just under the limit still works.
    Client other{socket_path};
    other.send(request("test.echo", {std::string(900, 'y')}, 2) + "\n");
    EXPECT_EQ(parse(other.readLine())["id"], 2);
}

TEST_F(ControlServerTest, OversizedRequestWithoutNewlineIsCutOff) {
    auto server = startServer({.socket_path = socket_path, .max_request_bytes = 1024});
    Client client{socket_path};
    client.send(std::string(4096, ' ') + "{");
    EXPECT_EQ(parse(client.readLine())["error"]["message"], "request too large");
    EXPECT_TRUE(client.closedByPeer());
}

TEST_F(ControlServerTest, ReplacesAStaleSocketFile) {
    std::filesystem::create_directories(dir.file("run/sub"));
    makeStaleSocket(socket_path);
    ASSERT_TRUE(fileExists(socket_path));
    auto server = startServer();
    Client client{socket_path};
    client.send(request("test.echo", {1}, 1) + "\n");
    EXPECT_EQ(parse(client.readLine())["result"], json({1}));
}

TEST_F(ControlServerTest, RefusesToReplaceSomethingThatIsNotASocket) {
    const std::string path = dir.file("plain-file");
    test::writeFile(path, "keep me");
    ControlServer server{registry, {.socket_path = path}};
    EXPECT_THROW(server.start(), std::runtime_error);
    EXPECT_TRUE(fileExists(path));
}

TEST_F(ControlServerTest, SecondServerOnALivePathThrowsInUse) {
    auto first = startServer();
    ControlServer second{registry, {.socket_path = socket_path}};
    try {
        second.start();
        FAIL() << "second start() did not throw";
    } catch (const std::runtime_error &e) {
        EXPECT_EQ(std::string{e.what()}, "control socket " + socket_path + " is in use");
    }
    // The first server keeps serving, on a file the second did not remove.
    Client client{socket_path};
    client.send(request("test.echo", {1}, 1) + "\n");
    EXPECT_EQ(parse(client.readLine())["result"], json({1}));
}

TEST_F(ControlServerTest, StopUnlinksTheSocketAndClosesConnectionsAndIsIdempotent) {
    auto server = startServer();
    Client client{socket_path};
    client.send(request("test.echo", {1}, 1) + "\n");
    ASSERT_TRUE(client.readLine().has_value());
    server->stop();
    EXPECT_FALSE(fileExists(socket_path));
    EXPECT_TRUE(client.closedByPeer());
    server->stop();
    EXPECT_THROW(Client{socket_path}, std::runtime_error);
}

TEST_F(ControlServerTest, CanStartAgainAfterStop) {
    auto server = startServer();
    server->stop();
    server->start();
    Client client{socket_path};
    client.send(request("test.echo", {2}, 1) + "\n");
    EXPECT_EQ(parse(client.readLine())["result"], json({2}));
}

TEST_F(ControlServerTest, DestructorStopsAndUnlinks) {
    startServer();
    EXPECT_FALSE(fileExists(socket_path));
}

TEST_F(ControlServerTest, ChownsToTheConfiguredGroup) {
    const group *own = ::getgrgid(::getegid());
    ASSERT_NE(own, nullptr);
    auto server = startServer({.socket_path = socket_path, .group = own->gr_name});
    struct stat info{};
    ASSERT_EQ(::stat(socket_path.c_str(), &info), 0);
    EXPECT_EQ(info.st_gid, ::getegid());
}

TEST_F(ControlServerTest, UnknownGroupFailsAndLeavesNoSocket) {
    ControlServer server{registry,
                         {.socket_path = socket_path, .group = "no-such-group-sipline-test"}};
    try {
        server.start();
        FAIL() << "start() did not throw";
    } catch (const std::runtime_error &e) {
        EXPECT_NE(std::string{e.what()}.find(socket_path), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fileExists(socket_path));
}

TEST_F(ControlServerTest, PathTooLongFailsWithItsName) {
    const std::string path = dir.file(std::string(120, 'p'));
    ControlServer server{registry, {.socket_path = path}};
    try {
        server.start();
        FAIL() << "start() did not throw";
    } catch (const std::runtime_error &e) {
        EXPECT_NE(std::string{e.what()}.find(path), std::string::npos) << e.what();
    }
}

TEST_F(ControlServerTest, ClosesIdleConnections) {
    auto server = startServer({.socket_path = socket_path, .idle_timeout = 200ms});
    Client client{socket_path};
    EXPECT_TRUE(client.closedByPeer(3s));
}

TEST_F(ControlServerTest, ActiveConnectionsAreNotClosedAsIdle) {
    auto server = startServer({.socket_path = socket_path, .idle_timeout = 300ms});
    Client client{socket_path};
    for (int i = 0; i < 6; ++i) {
        std::this_thread::sleep_for(100ms);
        client.send(request("test.echo", {i}, i) + "\n");
        EXPECT_EQ(parse(client.readLine())["id"], i);
    }
}

TEST_F(ControlServerTest, TurnsAwayConnectionsOverTheLimit) {
    auto server = startServer({.socket_path = socket_path, .max_connections = 2});
    Client first{socket_path};
    Client second{socket_path};
    // Make sure both are accepted before the third arrives.
    for (Client *client : {&first, &second}) {
        client->send(request("test.echo", {1}, 1) + "\n");
        ASSERT_TRUE(client->readLine().has_value());
    }
    Client third{socket_path};
    const json rejected = parse(third.readLine());
    EXPECT_EQ(rejected["error"]["code"], -32000);
    EXPECT_TRUE(third.closedByPeer());
    // Once one closes, a new connection is served again.
    first.shutdownWrite();
    EXPECT_TRUE(first.closedByPeer());
    std::this_thread::sleep_for(50ms);
    Client fourth{socket_path};
    fourth.send(request("test.echo", {4}, 4) + "\n");
    EXPECT_EQ(parse(fourth.readLine())["result"], json({4}));
}

TEST_F(ControlServerTest, ServesSeveralClientsAtOnce) {
    auto server = startServer();
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            Client client{socket_path};
            for (int i = 0; i < 20; ++i) {
                client.send(request("test.echo", {t, i}, i) + "\n");
                const auto line = client.readLine();
                if (line && json::parse(*line)["result"] == json({t, i})) ++good;
            }
        });
    for (auto &thread : threads) thread.join();
    EXPECT_EQ(good.load(), 160);
}

}  // namespace
}  // namespace sipline::control
