// share_states: destination states shared by dispatcher instances ("nodes") through a real
// redis-server the test starts. A state set on one node (dispatcher.set_state) reaches the
// others; a node that starts later takes the current states; while Redis is down each node
// keeps its own states and what changed meanwhile is shared once Redis is back.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include <gtest/gtest.h>

#include "dispatcher_instance.hpp"
#include "fake_host.hpp"
#include "flags.hpp"
#include "../../support/redis_server.hpp"
#include "../../support/eventually.hpp"

namespace sipline::dispatcher {
namespace {

using namespace std::chrono_literals;
using dispatcher_test::FakeHost;
using dispatcher_test::FakeRpcReply;

constexpr const char *kList = "1 sip:10.0.0.1:5060 0 0\n"
                              "1 sip:10.0.0.2:5060 0 0\n";

using sipline::test::eventually;

// One node: its own fake host and instance, on the shared list and Redis.
struct Node {
    Node(const std::filesystem::path &dir, const std::string &url)
        : plugin{sdk::Host{host.table()}, R"({"share_states": ")" + url + R"("})", dir.string()} {
        plugin.start();
    }
    ~Node() { plugin.stop(); }
    FakeRpcReply setState(const std::string &params) {
        FakeRpcReply reply;
        sdk::RpcCall call{host.table(), {params.data(), params.size()}, reply.handle()};
        plugin.rpcSetState(call);
        return reply;
    }
    // The state bits of sip:10.0.0.<host>:5060 in set 1.
    uint32_t state(int host_part) const {
        for (const auto &d : plugin.snapshot()->find(1)->dests)
            if (d->uri == "sip:10.0.0." + std::to_string(host_part) + ":5060") return d->flags.load() & kStateBits;
        ADD_FAILURE() << "no destination 10.0.0." << host_part;
        return 0;
    }
    bool connected() const { return eventually([&] { return plugin.sharing()->connected(); }); }
    FakeHost host;
    DispatcherPlugin plugin;
};

class SharedStates : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(redis.answers());
        dir = std::filesystem::temp_directory_path() / ("ds_sharing_" + std::to_string(::getpid()) + "_" +
                                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir);
        std::ofstream{dir / "dispatcher.list"} << kList;
    }
    void TearDown() override { std::filesystem::remove_all(dir); }
    sipline::test::RedisServer redis;
    std::filesystem::path dir;
};

TEST_F(SharedStates, AStateSetOnOneNodeReachesTheOthers) {
    Node a{dir, redis.url()};
    Node b{dir, redis.url()};
    ASSERT_TRUE(a.connected() && b.connected());
    ASSERT_TRUE(a.setState(R"(["ip", 1, "sip:10.0.0.1:5060"])").result);
    EXPECT_EQ(a.state(1), kInactive | kProbing);
    EXPECT_TRUE(eventually([&] { return b.state(1) == (kInactive | kProbing); })) << b.state(1);
    EXPECT_EQ(b.state(2), 0u) << "the other destination is untouched";
    ASSERT_TRUE(b.setState(R"(["a", 1, "sip:10.0.0.1:5060"])").result);
    EXPECT_TRUE(eventually([&] { return a.state(1) == 0u; })) << "back up on a too";
    EXPECT_GE(a.plugin.sharing()->published(), 1u);
}

TEST_F(SharedStates, ANodeStartedLaterTakesTheCurrentStates) {
    Node a{dir, redis.url()};
    ASSERT_TRUE(a.connected());
    ASSERT_TRUE(a.setState(R"(["d", 1, "sip:10.0.0.2:5060"])").result);
    ASSERT_TRUE(eventually([&] { return a.plugin.sharing()->published() == 1; }));
    Node late{dir, redis.url()};
    EXPECT_TRUE(eventually([&] { return late.state(2) == kDisabled; }));
}

TEST_F(SharedStates, WhileRedisIsDownStatesStayLocalAndAreSharedWhenItIsBack) {
    Node a{dir, redis.url()};
    Node b{dir, redis.url()};
    ASSERT_TRUE(a.connected() && b.connected());
    redis.stop();
    ASSERT_TRUE(eventually([&] { return !a.plugin.sharing()->connected(); }));
    ASSERT_TRUE(a.setState(R"(["ip", 1, "sip:10.0.0.2:5060"])").result);
    EXPECT_EQ(a.state(2), kInactive | kProbing) << "the local state changes at once";
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(b.state(2), 0u);
    ASSERT_TRUE(redis.start());
    EXPECT_TRUE(eventually([&] { return b.state(2) == (kInactive | kProbing); })) << b.state(2);
}

TEST_F(SharedStates, ABadUrlIsRefusedAtStart) {
    FakeHost host;
    try {
        DispatcherPlugin plugin{sdk::Host{host.table()}, R"({"share_states": "rediss://127.0.0.1"})", dir.string()};
        FAIL() << "accepted";
    } catch (const sdk::ConfigError &e) {
        EXPECT_NE(std::string{e.what()}.find("share_states: rediss:// (TLS) is not supported"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace sipline::dispatcher
