// Replication through a real redis-server the test starts: tables of separate "nodes" (each a
// HashTable with its own Replicator, as each daemon has) converge on writes, deletes, expiry
// changes, flushes and concurrent increments; a node that joins late loads the snapshot; a
// node keeps serving while Redis is down and everything converges once it is back.
#include <ctime>
#include <functional>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "../../support/redis_server.hpp"
#include "replicator.hpp"
#include "table_spec.hpp"
#include "../../support/eventually.hpp"

namespace htable_test {

using sipline::test::RedisServer;
namespace {

using namespace std::chrono_literals;
using namespace sipline::htable;

Seconds wallClock() { return static_cast<Seconds>(std::time(nullptr)); }

TableSpec spec(const std::string &name, Seconds autoexpire = 0, std::optional<int64_t> initval = std::nullopt) {
    TableSpec out;
    out.name = name;
    out.size = 4;
    out.slots = 16;
    out.autoexpire = autoexpire;
    out.initval = initval;
    return out;
}

// One sipline node's view of one table.
struct Node {
    Node(const std::string &url, const TableSpec &table_spec, std::vector<std::string> *logs = nullptr)
        : table{table_spec},
          replicator{url, {&table}, logTo(logs), wallClock,
                     ReplicationOptions{.timeout = 500ms, .first_retry = 50ms, .max_retry = 200ms}} {
        replicator.start();
    }
    static ReplicationLog logTo(std::vector<std::string> *logs) {
        auto keep = [logs](const std::string &text) {
            if (logs) logs->push_back(text);
        };
        return {keep, keep, keep};
    }
    HashTable table;
    Replicator replicator;
};

using sipline::test::eventually;

bool synced(const Node &node) {
    return eventually([&] { return node.replicator.state() == ReplicationState::Synced; });
}

std::optional<CellValue> valueAt(const Node &node, const std::string &key) { return node.table.get(key, wallClock()); }

bool holds(const Node &node, const std::string &key, const CellValue &value) {
    return eventually([&] { return valueAt(node, key) == value; });
}

bool lacks(const Node &node, const std::string &key) {
    return eventually([&] { return !valueAt(node, key).has_value(); });
}

class Replication : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(redis.answers()) << "redis-server did not start"; }
    RedisServer redis;
};

TEST_F(Replication, WritesDeletesExpiriesAndFlushesReachTheOtherNode) {
    Node a{redis.url(), spec("ipban", 300)};
    Node b{redis.url(), spec("ipban", 300)};
    ASSERT_TRUE(synced(a) && synced(b));

    a.table.set("192.0.2.1", int64_t{1}, wallClock());
    b.table.set("192.0.2.2", std::string{"by hand"}, wallClock());
    EXPECT_TRUE(holds(b, "192.0.2.1", int64_t{1}));
    EXPECT_TRUE(holds(a, "192.0.2.2", std::string{"by hand"}));

    ASSERT_TRUE(a.table.setLifetime("192.0.2.2", 1000, wallClock()));
    EXPECT_TRUE(eventually([&] { return b.table.lifetimeLeft("192.0.2.2", wallClock()) > 900; }));

    b.table.remove("192.0.2.1", wallClock());
    EXPECT_TRUE(lacks(a, "192.0.2.1"));

    a.table.flush();
    EXPECT_TRUE(lacks(b, "192.0.2.2"));
    EXPECT_TRUE(eventually([&] { return a.replicator.counters(&a.table).applied >= 2; }));
    EXPECT_EQ(a.replicator.counters(&a.table).published, 3u);
}

TEST_F(Replication, BulkRemovalsAreReplicatedButLocalExpirySweepsAreNot) {
    Node a{redis.url(), spec("t", 300)};
    Node b{redis.url(), spec("t", 300)};
    ASSERT_TRUE(synced(a) && synced(b));
    for (const char *key : {"drop-1", "drop-2", "keep"}) a.table.set(key, int64_t{1}, wallClock());
    ASSERT_TRUE(holds(b, "keep", int64_t{1}));
    a.table.removeIf([](const Cell &cell) { return cell.name.view().starts_with("drop"); });
    EXPECT_TRUE(lacks(b, "drop-1"));
    EXPECT_TRUE(lacks(b, "drop-2"));
    EXPECT_TRUE(holds(b, "keep", int64_t{1}));
    const uint64_t published = a.replicator.counters(&a.table).published;
    a.table.removeExpired(wallClock() + 1000); // every item is expired by then
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(a.replicator.counters(&a.table).published, published) << "each node sweeps its own copy";
    EXPECT_TRUE(holds(b, "keep", int64_t{1}));
}

TEST_F(Replication, IncrementsFromTwoNodesAtOnceAddUpExactly) {
    Node a{redis.url(), spec("ipcount", 60, 0)};
    Node b{redis.url(), spec("ipcount", 60, 0)};
    ASSERT_TRUE(synced(a) && synced(b));
    constexpr int kEach = 3000;
    auto hammer = [](Node &node) {
        for (int i = 0; i < kEach; ++i) node.table.add("198.51.100.7", 1, wallClock());
    };
    std::thread first{hammer, std::ref(a)};
    std::thread second{hammer, std::ref(b)};
    first.join();
    second.join();
    EXPECT_TRUE(holds(a, "198.51.100.7", int64_t{2 * kEach})) << std::get<int64_t>(*valueAt(a, "198.51.100.7"));
    EXPECT_TRUE(holds(b, "198.51.100.7", int64_t{2 * kEach})) << std::get<int64_t>(*valueAt(b, "198.51.100.7"));
    b.table.add("198.51.100.7", -10, wallClock());
    EXPECT_TRUE(holds(a, "198.51.100.7", int64_t{2 * kEach - 10}));
}

// Redis publishes a counter's value after each increment; by the time one comes back, this node
// has counted more. Its own count must still only go up, one by one: the published value plus
// the increments Redis has not answered yet. Taking them back for a round trip would cross a
// threshold late (the cluster test's ban).
TEST_F(Replication, ANodesOwnCountNeverGoesBackWhileItsIncrementsAreInFlight) {
    Node a{redis.url(), spec("ipcount", 60, 0)};
    Node b{redis.url(), spec("ipcount", 60, 0)};
    ASSERT_TRUE(synced(a) && synced(b));
    constexpr int kRounds = 20, kPerRound = 1000;
    int went_back = 0;
    int64_t previous = 0;
    for (int round = 0; round < kRounds; ++round) {
        for (int i = 0; i < kPerRound; ++i) {
            const auto now_at = a.table.add("203.0.113.9", 1, wallClock());
            ASSERT_TRUE(now_at.has_value());
            if (*now_at != previous + 1) ++went_back;
            previous = *now_at;
        }
        // Some results of this round are back before the next round counts on.
        const uint64_t echoes = a.replicator.counters(&a.table).echoes;
        ASSERT_TRUE(eventually([&] { return a.replicator.counters(&a.table).echoes > echoes; }));
    }
    EXPECT_EQ(went_back, 0) << "the local count went back " << went_back << " times";
    const int kCount = kRounds * kPerRound;
    EXPECT_TRUE(holds(a, "203.0.113.9", int64_t{kCount}));
    EXPECT_TRUE(holds(b, "203.0.113.9", int64_t{kCount}));
}

TEST_F(Replication, ANodeThatJoinsLaterLoadsTheWholeTable) {
    Node a{redis.url(), spec("ipban", 300)};
    ASSERT_TRUE(synced(a));
    for (int i = 0; i < 500; ++i) a.table.set("10.0.0." + std::to_string(i), int64_t{i}, wallClock());
    ASSERT_TRUE(eventually([&] { return a.replicator.counters(&a.table).published == 500; }));
    Node late{redis.url(), spec("ipban", 300)};
    ASSERT_TRUE(synced(late));
    EXPECT_EQ(late.table.countAll(), 500u);
    EXPECT_EQ(valueAt(late, "10.0.0.499"), CellValue{int64_t{499}});
    EXPECT_EQ(late.replicator.counters(&late.table).resyncs, 1u);
}

TEST_F(Replication, ExpiredItemsAreNotLoadedFromTheSnapshot) {
    Node a{redis.url(), spec("ipban", 300)};
    ASSERT_TRUE(synced(a));
    a.table.setWithLifetime("short", int64_t{1}, 1, wallClock() - 10); // expired 9 s ago
    a.table.set("long", int64_t{1}, wallClock());
    ASSERT_TRUE(eventually([&] { return a.replicator.counters(&a.table).published == 2; }));
    Node late{redis.url(), spec("ipban", 300)};
    ASSERT_TRUE(synced(late));
    EXPECT_EQ(late.table.countAll(), 1u);
    EXPECT_TRUE(valueAt(late, "long").has_value());
}

TEST_F(Replication, RedisDownThenBackEmptyNodesServeLocallyAndConverge) {
    std::vector<std::string> logs;
    Node a{redis.url(), spec("ipban", 300), &logs};
    Node b{redis.url(), spec("ipban", 300)};
    ASSERT_TRUE(synced(a) && synced(b));
    a.table.set("before", int64_t{1}, wallClock());
    ASSERT_TRUE(holds(b, "before", int64_t{1}));

    redis.stop(); // lost with its data: no persistence
    EXPECT_TRUE(eventually([&] { return a.replicator.state() == ReplicationState::Down; }));
    a.table.set("during-a", int64_t{2}, wallClock()); // the local copy keeps working
    b.table.set("during-b", int64_t{3}, wallClock());
    EXPECT_EQ(valueAt(a, "during-a"), CellValue{int64_t{2}});
    std::this_thread::sleep_for(500ms); // several silent retries
    size_t down_lines = 0;
    for (const std::string &line : logs) down_lines += line.find("is down") != std::string::npos;
    EXPECT_EQ(down_lines, 1u) << "logged once per outage";

    ASSERT_TRUE(redis.start());
    ASSERT_TRUE(synced(a) && synced(b));
    for (const Node *node : {&a, &b}) {
        EXPECT_TRUE(holds(*node, "before", int64_t{1}));
        EXPECT_TRUE(holds(*node, "during-a", int64_t{2}));
        EXPECT_TRUE(holds(*node, "during-b", int64_t{3}));
    }
    // Both connections work again: a new change still travels.
    b.table.set("after", int64_t{4}, wallClock());
    EXPECT_TRUE(holds(a, "after", int64_t{4}));
    EXPECT_GE(a.replicator.counters(&a.table).resyncs, 2u);
}

TEST_F(Replication, ANodeStartedWhileRedisIsDownCatchesUpWhenItComes) {
    redis.stop();
    Node a{redis.url(), spec("ipban", 300)};
    a.table.set("early", int64_t{7}, wallClock());
    EXPECT_EQ(valueAt(a, "early"), CellValue{int64_t{7}});
    EXPECT_TRUE(eventually([&] { return a.replicator.state() == ReplicationState::Down; }));
    ASSERT_TRUE(redis.start());
    Node b{redis.url(), spec("ipban", 300)};
    EXPECT_TRUE(holds(b, "early", int64_t{7})) << "a's backlog reached Redis";
}

}  // namespace
}  // namespace htable_test
