// The replication queue's account of increments whose result has not come back from Redis:
// what a published value of a counter lacks on this node.
#include "change_queue.hpp"

#include <gtest/gtest.h>

namespace htable_test {
namespace {

using sipline::htable::Change;
using sipline::htable::ChangeKind;
using sipline::htable::ChangeQueue;

Change add(uint32_t table, const std::string &key, int64_t delta) {
    Change change;
    change.kind = ChangeKind::Add;
    change.table = table;
    change.key = key;
    change.delta = delta;
    return change;
}

TEST(ChangeQueue, CountsIncrementsUntilTheirResultComesBack) {
    ChangeQueue queue{100};
    queue.push(add(0, "10.0.0.1", 1));
    queue.push(add(0, "10.0.0.1", 1));
    queue.push(add(0, "10.0.0.2", 5));
    queue.push(add(1, "10.0.0.1", 7)); // another table
    Change set;
    set.key = "10.0.0.1";
    queue.push(std::move(set)); // not an increment
    EXPECT_EQ(queue.unsettled(0, "10.0.0.1"), 2);
    EXPECT_EQ(queue.unsettled(0, "10.0.0.2"), 5);
    EXPECT_EQ(queue.unsettled(1, "10.0.0.1"), 7);

    const auto taken = queue.take(100);
    ASSERT_EQ(taken.size(), 5u);
    EXPECT_EQ(queue.unsettled(0, "10.0.0.1"), 2) << "sent, not answered: still unsettled";
    EXPECT_NE(taken[0].id, taken[1].id);
    EXPECT_EQ(taken[4].id, 0u) << "only increments are numbered";

    queue.settle(taken[0].id);
    EXPECT_EQ(queue.unsettled(0, "10.0.0.1"), 1);
    queue.settle(taken[0].id); // twice: ignored
    EXPECT_EQ(queue.unsettled(0, "10.0.0.1"), 1);
    queue.settle(taken[1].id);
    EXPECT_EQ(queue.unsettled(0, "10.0.0.1"), 0);
}

TEST(ChangeQueue, IncrementsThatCancelOutStayUnsettledUntilEachComesBack) {
    ChangeQueue queue{100};
    queue.push(add(0, "k", 3));
    queue.push(add(0, "k", -3));
    queue.push(add(0, "k", 2));
    const auto taken = queue.take(100);
    EXPECT_EQ(queue.unsettled(0, "k"), 2);
    queue.settle(taken[1].id); // the -3 first
    EXPECT_EQ(queue.unsettled(0, "k"), 5);
    queue.settle(taken[0].id);
    EXPECT_EQ(queue.unsettled(0, "k"), 2);
}

TEST(ChangeQueue, ASnapshotSettlesEverythingAnsweredBeforeItInItsTableOnly) {
    ChangeQueue queue{100};
    queue.push(add(0, "k", 1));
    queue.push(add(1, "k", 10));
    queue.push(add(0, "k", 1));
    const auto answered = queue.take(100);
    queue.push(add(0, "k", 1)); // counted after the snapshot was taken: not in it
    queue.settleThrough(0, answered.back().id);
    EXPECT_EQ(queue.unsettled(0, "k"), 1);
    EXPECT_EQ(queue.unsettled(1, "k"), 10) << "another table's snapshot is its own";
}

TEST(ChangeQueue, AFullQueueCountsNothingItDropped) {
    ChangeQueue queue{1};
    queue.push(add(0, "k", 1));
    queue.push(add(0, "k", 1)); // dropped
    EXPECT_EQ(queue.dropped(), 1u);
    EXPECT_EQ(queue.unsettled(0, "k"), 1);
}

}  // namespace
}  // namespace htable_test
