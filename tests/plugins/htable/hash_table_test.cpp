// The table itself: values, case rules, Kamailio's expiry rules, initval counters, bulk
// operations, the all-at-once replace, and increments from several threads.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "hash_table.hpp"
#include "key_hash.hpp"

namespace {

using namespace sipline::htable;
using namespace std::chrono_literals;

TableSpec spec(Seconds autoexpire = 0, bool updateexpire = true, std::optional<int64_t> initval = std::nullopt) {
    TableSpec s;
    s.name = "t";
    s.size = 4;
    s.slots = 16;
    s.autoexpire = autoexpire;
    s.updateexpire = updateexpire;
    s.initval = initval;
    return s;
}

constexpr Seconds kT0 = 1'000'000;

TEST(HashTable, StoresIntegersAndStringsAndChangesTypeOnSet) {
    HashTable table{spec()};
    EXPECT_FALSE(table.get("a", kT0));
    table.set("a", int64_t{5}, kT0);
    EXPECT_EQ(table.get("a", kT0), CellValue{int64_t{5}});
    table.set("a", std::string{"five"}, kT0);
    EXPECT_EQ(table.get("a", kT0), CellValue{std::string{"five"}});
    EXPECT_TRUE(table.remove("a", kT0));
    EXPECT_FALSE(table.remove("a", kT0));
    EXPECT_FALSE(table.get("a", kT0));
}

TEST(HashTable, KeysAreCaseSensitiveButShareTheirSlot) {
    HashTable table{spec()};
    table.set("Alice", int64_t{1}, kT0);
    table.set("alice", int64_t{2}, kT0);
    EXPECT_EQ(table.get("Alice", kT0), CellValue{int64_t{1}});
    EXPECT_EQ(table.get("alice", kT0), CellValue{int64_t{2}});
    EXPECT_EQ(table.slotOf("Alice"), table.slotOf("alice"));
    EXPECT_EQ(keyHash("ALICE"), keyHash("alice"));
    EXPECT_EQ(table.countAll(), 2u);
}

TEST(HashTable, ArrayKeysAreOrdinaryIndependentKeys) {
    HashTable table{spec()};
    table.set("course[0]", std::string{"math"}, kT0);
    table.set("course[1]", std::string{"physics"}, kT0);
    table.set("course::size", int64_t{2}, kT0);
    EXPECT_TRUE(table.remove("course[0]", kT0));
    EXPECT_EQ(table.get("course[1]", kT0), CellValue{std::string{"physics"}});
    EXPECT_EQ(table.get("course::size", kT0), CellValue{int64_t{2}}) << "no renumbering, as in Kamailio";
}

TEST(HashTable, ExpiredItemsAreInvisibleAtOnceAndPurgedByTheSweep) {
    HashTable table{spec(10)};
    table.set("k", int64_t{1}, kT0);
    EXPECT_TRUE(table.get("k", kT0 + 10)) << "alive until now > expire";
    EXPECT_FALSE(table.get("k", kT0 + 11));
    EXPECT_FALSE(table.find("k", kT0 + 11));
    EXPECT_EQ(table.countAll(), 1u) << "still stored: expiry is lazy";
    EXPECT_EQ(table.stats().all, 1u);
    EXPECT_EQ(table.removeExpired(kT0 + 11), 1u);
    EXPECT_EQ(table.countAll(), 0u);
}

TEST(HashTable, UpdateExpireRefreshesTheLifetimeOnEveryUpdate) {
    HashTable table{spec(10, true)};
    table.set("k", int64_t{1}, kT0);
    table.set("k", int64_t{2}, kT0 + 8);
    EXPECT_TRUE(table.get("k", kT0 + 15));
    EXPECT_EQ(table.lifetimeLeft("k", kT0 + 15), 3);
}

TEST(HashTable, WithoutUpdateExpireTheLifetimeIsFixedAtCreation) {
    HashTable table{spec(10, false)};
    table.set("k", int64_t{1}, kT0);
    table.set("k", int64_t{2}, kT0 + 8);
    EXPECT_EQ(table.get("k", kT0 + 10), CellValue{int64_t{2}});
    EXPECT_FALSE(table.get("k", kT0 + 11));
    // An item that had expired gets a fresh lifetime when set again (Kamailio #4079/#4103).
    table.set("k", int64_t{3}, kT0 + 20);
    EXPECT_EQ(table.get("k", kT0 + 30), CellValue{int64_t{3}});
}

TEST(HashTable, IncrementNeedsAnIntegerOrInitval) {
    HashTable plain{spec()};
    EXPECT_FALSE(plain.add("n", 1, kT0)) << "missing key without initval: $null";
    plain.set("n", int64_t{0}, kT0);
    EXPECT_EQ(plain.add("n", 1, kT0), 1);
    EXPECT_EQ(plain.add("n", -3, kT0), -2);
    plain.set("s", std::string{"x"}, kT0);
    EXPECT_FALSE(plain.add("s", 1, kT0)) << "a string value is not incremented";

    HashTable counters{spec(0, true, 10)};
    EXPECT_EQ(counters.add("n", 1, kT0), 11) << "created as initval + 1";
    EXPECT_EQ(counters.add("m", -1, kT0), 9);
}

TEST(HashTable, IncrementRefreshesExpiryOnlyWithUpdateExpire) {
    HashTable refreshed{spec(10, true, 0)};
    refreshed.add("n", 1, kT0);
    refreshed.add("n", 1, kT0 + 9);
    EXPECT_EQ(refreshed.get("n", kT0 + 15), CellValue{int64_t{2}});

    HashTable fixed{spec(10, false, 0)};
    fixed.add("n", 1, kT0);
    fixed.add("n", 1, kT0 + 9);
    EXPECT_FALSE(fixed.get("n", kT0 + 15));
    EXPECT_EQ(fixed.add("n", 1, kT0 + 15), 1) << "an expired counter restarts from initval";
}

TEST(HashTable, ExplicitLifetimesAreIgnoredWithoutAutoexpire) {
    HashTable table{spec()};
    table.set("k", int64_t{1}, kT0);
    EXPECT_FALSE(table.setLifetime("k", 5, kT0));
    table.setWithLifetime("j", int64_t{1}, 5, kT0);
    EXPECT_TRUE(table.get("j", kT0 + 100));
    EXPECT_EQ(table.lifetimeLeft("k", kT0), 0);
}

TEST(HashTable, ExplicitLifetimesOnAnAutoexpireTable) {
    HashTable table{spec(100)};
    table.setWithLifetime("j", std::string{"v"}, 5, kT0);
    EXPECT_EQ(table.lifetimeLeft("j", kT0), 5);
    EXPECT_FALSE(table.get("j", kT0 + 6));
    table.set("k", int64_t{1}, kT0);
    EXPECT_TRUE(table.setLifetime("k", 0, kT0));
    EXPECT_EQ(table.lifetimeLeft("k", kT0), -1) << "0 means never";
    EXPECT_TRUE(table.get("k", kT0 + 1000));
    EXPECT_FALSE(table.setLifetime("missing", 5, kT0));
    EXPECT_FALSE(table.lifetimeLeft("missing", kT0));
}

TEST(HashTable, BulkOperationsDumpAndStats) {
    HashTable table{spec(10)};
    for (int i = 0; i < 40; ++i) table.set("key" + std::to_string(i), int64_t{i}, kT0);
    const SlotStats stats = table.stats();
    EXPECT_EQ(stats.slots, 16u);
    EXPECT_EQ(stats.all, 40u);
    EXPECT_LE(stats.min, stats.max);
    size_t dumped = 0;
    for (const auto &slot : table.dump()) {
        EXPECT_FALSE(slot.items.empty());
        for (const auto &item : slot.items) EXPECT_EQ(table.slotOf(item.name), slot.index);
        dumped += slot.items.size();
    }
    EXPECT_EQ(dumped, 40u);
    const auto even = [](const Cell &c) { return std::get<int64_t>(c.value) % 2 == 0; };
    EXPECT_EQ(table.countIf(even, kT0), 20u);
    EXPECT_TRUE(table.anyLive(even, kT0));
    EXPECT_EQ(table.countIf(even, kT0 + 11), 0u) << "expired items are not counted";
    EXPECT_EQ(table.removeIf(even), 20u);
    EXPECT_EQ(table.liveItems(kT0).size(), 20u);
    table.flush();
    EXPECT_EQ(table.countAll(), 0u);
}

TEST(HashTable, ReplaceAllSwapsTheWholeContent) {
    HashTable table{spec()};
    table.set("old", int64_t{1}, kT0);
    std::vector<Cell> fresh{{"a", int64_t{1}, 0, 0}, {"b", std::string{"x"}, 0, 0}, {"a", int64_t{2}, 0, 0}};
    ASSERT_TRUE(table.replaceAll(std::move(fresh), 1s));
    EXPECT_FALSE(table.get("old", kT0));
    EXPECT_EQ(table.get("a", kT0), CellValue{int64_t{2}}) << "a later row wins";
    EXPECT_EQ(table.countAll(), 2u);
}

TEST(HashTable, ReplaceAllGivesUpWhileAScriptHoldsASlot) {
    HashTable table{spec()};
    std::atomic<bool> locked{false}, release{false};
    std::thread script{[&] {
        table.lockOf("held").lock();
        locked = true;
        while (!release) std::this_thread::sleep_for(1ms);
        table.lockOf("held").unlock();
    }};
    while (!locked) std::this_thread::sleep_for(1ms);
    EXPECT_FALSE(table.replaceAll({}, 50ms));
    release = true;
    script.join();
    EXPECT_TRUE(table.replaceAll({}, 1s));
}

TEST(HashTable, SlotLocksAreReentrantAndRefuseForeignUnlocks) {
    HashTable table{spec()};
    SlotLock &lock = table.lockOf("k");
    lock.lock();
    table.set("k", int64_t{1}, kT0); // the same thread re-enters its own slot
    EXPECT_EQ(table.add("k", 1, kT0), 2);
    bool foreign_unlock = true;
    std::thread other{[&] { foreign_unlock = lock.unlock(); }};
    other.join();
    EXPECT_FALSE(foreign_unlock);
    EXPECT_TRUE(lock.unlock());
    EXPECT_FALSE(lock.unlock()) << "not held any more";
}

TEST(HashTable, ConcurrentIncrementsAddUpExactly) {
    TableSpec s = spec(0, true, 0);
    s.size = 2;
    s.slots = 4; // few slots: workers collide on the same locks
    HashTable table{s};
    constexpr int kThreads = 8;
    constexpr int kPerThread = 20000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&table, t] {
            for (int i = 0; i < kPerThread; ++i) {
                table.add("shared", 1, kT0);
                table.add("other" + std::to_string(i % 16), 1, kT0);
                if (i % 2 == 0) table.add("down", -1, kT0);
                if (i % 100 == 0) table.set("scratch" + std::to_string(t), int64_t{i}, kT0);
            }
        });
    for (auto &t : threads) t.join();
    EXPECT_EQ(table.get("shared", kT0), CellValue{int64_t{kThreads * kPerThread}});
    EXPECT_EQ(table.get("down", kT0), CellValue{int64_t{-kThreads * kPerThread / 2}});
    int64_t others = 0;
    for (int i = 0; i < 16; ++i) others += std::get<int64_t>(*table.get("other" + std::to_string(i), kT0));
    EXPECT_EQ(others, int64_t{kThreads} * kPerThread);
}

}  // namespace
