// Every algorithm's distribution over 10 000 synthetic requests, within stated tolerances;
// stickiness of the hashes; what happens to a skipped destination's share (kamailio#2361,
// the 4.4.7 flag-4 report, the 5.2.0-5.2.3 round-robin regression); round robin under threads.
#include <algorithm>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "ds_hash.hpp"
#include "test_sets.hpp"

namespace sipline::dispatcher {
namespace {

using dispatcher_test::callIdKey;
using dispatcher_test::listOf;
using dispatcher_test::snapshotOf;
using dispatcher_test::spread;

constexpr int kRequests = 10000;

void print(const std::string &label, const std::map<std::string, int> &counts) {
    std::cout << "[ spread   ] " << label << ":";
    for (const auto &[uri, n] : counts) std::cout << " " << uri.substr(uri.rfind('.') + 1) << "=" << n;
    std::cout << "\n";
}

// Every selectable destination within tolerance (a fraction) of an even share.
void expectEven(const std::map<std::string, int> &counts, size_t destinations, int total, double tolerance) {
    ASSERT_EQ(counts.size(), destinations);
    const double even = static_cast<double>(total) / destinations;
    for (const auto &[uri, n] : counts) EXPECT_NEAR(n, even, even * tolerance) << uri;
}

Destination &dest(const Snapshot &s, int index) { return *s.find(1)->dests[index]; }

TEST(HashAlgorithms, SpreadEvenlyOver10000CallIdsInBothModes) {
    for (const HashMode mode : {HashMode::Rendezvous, HashMode::Kamailio}) {
        const auto snapshot = snapshotOf(listOf(4));
        SelectRequest request;
        request.alg = kAlgCallId;
        request.hash_mode = mode;
        const auto counts = spread(*snapshot->find(1), request, kRequests, callIdKey);
        print(mode == HashMode::Rendezvous ? "alg 0 rendezvous, 4 up" : "alg 0 kamailio, 4 up", counts);
        expectEven(counts, 4, kRequests, 0.06); // 2500 +- 150 (about 3.5 sigma)
    }
}

TEST(HashAlgorithms, SameKeyAlwaysPicksTheSameDestinationWhileTheSetIsUnchanged) {
    const auto snapshot = snapshotOf(listOf(5));
    SelectRequest request;
    for (int i = 0; i < 1000; ++i) {
        request.key = callIdKey(i);
        const auto first = selectDestinations(*snapshot->find(1), request).order.front();
        for (int again = 0; again < 3; ++again) EXPECT_EQ(selectDestinations(*snapshot->find(1), request).order.front(), first);
    }
}

TEST(HashAlgorithms, RendezvousSpreadsASkippedShareEvenlyAndKeepsLiveCalls) {
    const auto snapshot = snapshotOf(listOf(4));
    SelectRequest request;
    std::vector<size_t> before;
    for (int i = 0; i < kRequests; ++i) {
        request.key = callIdKey(i);
        before.push_back(selectDestinations(*snapshot->find(1), request).order.front());
    }
    dest(*snapshot, 1).flags = kDisabled;
    std::map<std::string, int> counts;
    int moved_while_up = 0;
    for (int i = 0; i < kRequests; ++i) {
        request.key = callIdKey(i);
        const size_t now = selectDestinations(*snapshot->find(1), request).order.front();
        ++counts[dest(*snapshot, static_cast<int>(now)).uri];
        if (before[i] != 1 && now != before[i]) ++moved_while_up;
    }
    print("alg 0 rendezvous, #2 disabled", counts);
    expectEven(counts, 3, kRequests, 0.06);
    EXPECT_EQ(moved_while_up, 0) << "a call whose destination is up keeps it";
}

TEST(HashAlgorithms, KamailioModeReproducesTheSuccessorDoubleLoadOfIssue2361) {
    const auto snapshot = snapshotOf(listOf(4));
    dest(*snapshot, 1).flags = kInactive;
    SelectRequest request;
    request.hash_mode = HashMode::Kamailio;
    const auto counts = spread(*snapshot->find(1), request, kRequests, callIdKey);
    print("alg 0 kamailio, #2 inactive", counts);
    EXPECT_NEAR(counts.at(dest(*snapshot, 2).uri), kRequests / 2, kRequests * 0.05) << "the successor takes both shares";
    EXPECT_EQ(counts.count(dest(*snapshot, 1).uri), 0u);
}

TEST(HashAlgorithms, UriHashesAndVariableHashSpreadToo) {
    const auto snapshot = snapshotOf(listOf(3));
    for (const int alg : {kAlgFromUri, kAlgToUri, kAlgRequestUri, kAlgAuthUser, kAlgVariable}) {
        SelectRequest request;
        request.alg = alg;
        const auto counts = spread(*snapshot->find(1), request, kRequests, [](int i) {
            return std::optional<HashKey>{HashKey{"user" + std::to_string(i), "example.com"}};
        });
        print("alg " + std::to_string(alg) + " rendezvous", counts);
        expectEven(counts, 3, kRequests, 0.06);
    }
}

TEST(HashAlgorithms, MissingInputFailsButAuthUserFallsBackToRoundRobin) {
    const auto snapshot = snapshotOf(listOf(3));
    SelectRequest request;
    request.alg = kAlgCallId;
    EXPECT_EQ(selectDestinations(*snapshot->find(1), request).rc, -1);
    request.alg = kAlgAuthUser;
    const auto first = selectDestinations(*snapshot->find(1), request);
    const auto second = selectDestinations(*snapshot->find(1), request);
    ASSERT_EQ(first.rc, 1);
    EXPECT_NE(first.order.front(), second.order.front());
}

TEST(RoundRobin, IsExactAndASkippedTurnIsNotDoubledOnTheSuccessor) {
    const auto snapshot = snapshotOf(listOf(4));
    SelectRequest request;
    request.alg = kAlgRoundRobin;
    const auto even = spread(*snapshot->find(1), request, 1200, [](int) { return std::nullopt; });
    expectEven(even, 4, 1200, 0.0);
    dest(*snapshot, 1).flags = kDisabled; // the 4.4.7 report: one destination with flag 4
    const auto counts = spread(*snapshot->find(1), request, 1200, [](int) { return std::nullopt; });
    print("alg 4, #2 disabled, 1200 calls", counts);
    expectEven(counts, 3, 1200, 0.0); // 400/0/400/400, not 300/0/600/300
}

TEST(RoundRobin, StaysExactUnderEightThreads) {
    const auto snapshot = snapshotOf(listOf(5));
    DestinationSet &set = *snapshot->find(1);
    constexpr int kThreads = 8, kEach = 5000;
    std::vector<std::vector<int>> counts(kThreads, std::vector<int>(5, 0));
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            SelectRequest request;
            request.alg = kAlgRoundRobin;
            for (int i = 0; i < kEach; ++i) ++counts[t][selectDestinations(set, request).order.front()];
        });
    for (auto &t : threads) t.join();
    std::cout << "[ spread   ] alg 4, 8 threads x 5000:";
    for (int d = 0; d < 5; ++d) {
        int total = 0;
        for (int t = 0; t < kThreads; ++t) total += counts[t][d];
        std::cout << " " << total;
        EXPECT_EQ(total, kThreads * kEach / 5);
    }
    std::cout << "\n";
}

TEST(Random, SpreadsEvenlyAndOverTheSelectableOnly) {
    const auto snapshot = snapshotOf(listOf(4));
    SelectRequest request;
    request.alg = kAlgRandom;
    dest(*snapshot, 3).flags = kInactive;
    const auto counts = spread(*snapshot->find(1), request, kRequests, [](int) { return std::nullopt; });
    print("alg 6, #4 inactive", counts);
    expectEven(counts, 3, kRequests, 0.07);
}

TEST(Weight, HonoursWeightsExactlyAndSpreadsASkippedShareByWeight) {
    const auto snapshot = snapshotOf("1 sip:10.0.0.1 0 0 weight=50\n1 sip:10.0.0.2 0 0 weight=30\n"
                                     "1 sip:10.0.0.3 0 0 weight=20\n");
    SelectRequest request;
    request.alg = kAlgWeight;
    auto counts = spread(*snapshot->find(1), request, kRequests, [](int) { return std::nullopt; });
    print("alg 9, weights 20/30/50", counts);
    EXPECT_EQ(counts["sip:10.0.0.1"], 5000);
    EXPECT_EQ(counts["sip:10.0.0.2"], 3000);
    EXPECT_EQ(counts["sip:10.0.0.3"], 2000);
    // Array order is reversed for equal priorities: index 0 is 10.0.0.3 (weight 20).
    snapshot->find(1)->dests[2]->flags = kDisabled; // 10.0.0.1
    counts = spread(*snapshot->find(1), request, kRequests, [](int) { return std::nullopt; });
    print("alg 9, weight-50 disabled", counts);
    EXPECT_EQ(counts["sip:10.0.0.2"], 6000);
    EXPECT_EQ(counts["sip:10.0.0.3"], 4000);
}

TEST(Weight, KeepsKamailiosTableRules) {
    // Sum below 100: the rest goes to the last index.
    auto snapshot = snapshotOf("1 sip:10.0.0.1 0 0 weight=10\n1 sip:10.0.0.2 0 0 weight=10\n");
    EXPECT_EQ(snapshot->find(1)->dests[0]->effective_weight, 10);
    EXPECT_EQ(snapshot->find(1)->dests[1]->effective_weight, 90);
    // Index 0 without weight: every slot is index 0.
    snapshot = snapshotOf("1 sip:10.0.0.1 0 0 weight=60\n1 sip:10.0.0.2 0 0 x=1\n");
    EXPECT_EQ(snapshot->find(1)->dests[0]->effective_weight, 100);
    EXPECT_EQ(snapshot->find(1)->dests[1]->effective_weight, 0);
}

TEST(RelativeWeight, IsExactForManyHostsWhereKamailiosTableTruncates) {
    // kamailio#2698: 30 hosts of rweight 1 get 3 slots each and the remainder goes to one.
    const auto snapshot = snapshotOf(listOf(30, "rweight=1"));
    SelectRequest request;
    request.alg = kAlgRelativeWeight;
    const auto counts = spread(*snapshot->find(1), request, 3000, [](int) { return std::nullopt; });
    expectEven(counts, 30, 3000, 0.0);
    snapshot->find(1)->dests[0]->flags = kInactive;
    const auto after = spread(*snapshot->find(1), request, 2900, [](int) { return std::nullopt; });
    expectEven(after, 29, 2900, 0.0);
}

TEST(Serial, PicksTheHighestPriorityValueFirstAndFailsOverInArrayOrder) {
    const auto snapshot = snapshotOf("1 sip:10.0.0.1 0 1\n1 sip:10.0.0.2 0 9\n1 sip:10.0.0.3 0 5\n");
    SelectRequest request;
    request.alg = kAlgSerial;
    auto s = selectDestinations(*snapshot->find(1), request);
    ASSERT_EQ(s.order.size(), 3u);
    EXPECT_EQ(snapshot->find(1)->dests[s.order[0]]->uri, "sip:10.0.0.2");
    EXPECT_EQ(snapshot->find(1)->dests[s.order[1]]->uri, "sip:10.0.0.3");
    request.limit = 2;
    EXPECT_EQ(selectDestinations(*snapshot->find(1), request).order.size(), 2u);
}

TEST(CallLoadAlgorithm, PicksTheLeastLoadedAndRespectsMaxload) {
    const auto snapshot = snapshotOf("1 sip:10.0.0.1 0 0 duid=a;maxload=2\n1 sip:10.0.0.2 0 0 duid=b;maxload=2\n");
    std::map<std::string, int> load;
    SelectRequest request;
    request.alg = kAlgCallLoad;
    request.load_of = [&](const Destination &d) { return load[d.attrs.duid]; };
    for (int call = 0; call < 4; ++call) {
        const auto s = selectDestinations(*snapshot->find(1), request);
        ASSERT_EQ(s.rc, 1) << call;
        ++load[snapshot->find(1)->dests[s.order.front()]->attrs.duid];
    }
    EXPECT_EQ(load["a"], 2);
    EXPECT_EQ(load["b"], 2);
    EXPECT_EQ(selectDestinations(*snapshot->find(1), request).rc, -1) << "every destination at maxload";
}

TEST(Parallel, ReportsTheBranchesItCouldNotAdd) {
    const auto snapshot = snapshotOf(listOf(3));
    SelectRequest request;
    request.alg = kAlgParallel;
    const auto s = selectDestinations(*snapshot->find(1), request);
    EXPECT_EQ(s.rc, 2);
    EXPECT_EQ(s.order.size(), 3u);
}

TEST(Latency, PrefersTheLowerLatencyAtEqualPriority) {
    const auto snapshot = snapshotOf("1 sip:10.0.0.1 0 100\n1 sip:10.0.0.2 0 100\n");
    snapshot->find(1)->dests[0]->latency.estimate = 900; // rpriority 100 - 9 = 91
    snapshot->find(1)->dests[1]->latency.estimate = 150; // rpriority 100 - 1 = 99
    SelectRequest request;
    request.alg = kAlgLatency;
    for (int i = 0; i < 10; ++i) EXPECT_EQ(selectDestinations(*snapshot->find(1), request).order.front(), 1u);
}

TEST(RoundRobinOrSerial, IsRoundRobinOnlyWhenEveryPriorityIsEqualAndPositive) {
    auto snapshot = snapshotOf("1 sip:10.0.0.1 0 5\n1 sip:10.0.0.2 0 5\n");
    SelectRequest request;
    request.alg = kAlgRoundRobinOrSerial;
    EXPECT_NE(selectDestinations(*snapshot->find(1), request).order.front(),
              selectDestinations(*snapshot->find(1), request).order.front());
    snapshot = snapshotOf("1 sip:10.0.0.1 0 5\n1 sip:10.0.0.2 0 6\n");
    EXPECT_EQ(selectDestinations(*snapshot->find(1), request).order.front(),
              selectDestinations(*snapshot->find(1), request).order.front());
}

TEST(PriorityWeight, UsesOnlyTheLowestPriorityValueByWeight) {
    const auto snapshot = snapshotOf("1 sip:10.0.0.1 0 1 weight=75\n1 sip:10.0.0.2 0 1 weight=25\n"
                                     "1 sip:10.0.0.3 0 2 weight=100\n");
    SelectRequest request;
    request.alg = kAlgPriorityWeight;
    auto counts = spread(*snapshot->find(1), request, 1000, [](int) { return std::nullopt; });
    EXPECT_EQ(counts["sip:10.0.0.1"], 750);
    EXPECT_EQ(counts["sip:10.0.0.2"], 250);
    EXPECT_EQ(counts.count("sip:10.0.0.3"), 0u);
    for (auto &d : snapshot->find(1)->dests)
        if (d->priority == 1) d->flags = kInactive;
    counts = spread(*snapshot->find(1), request, 100, [](int) { return std::nullopt; });
    EXPECT_EQ(counts["sip:10.0.0.3"], 100) << "the next priority takes over";
}

TEST(OverloadControl, SkipsTheConfiguredRate) {
    const auto snapshot = snapshotOf(listOf(2));
    Destination &d = dest(*snapshot, 0);
    d.oc.rate = 50;
    d.oc.until = std::chrono::steady_clock::now() + std::chrono::minutes{1};
    std::fill_n(d.oc.skip.begin(), 50, true);
    SelectRequest request;
    request.alg = kAlgOverloadControl;
    const auto counts = spread(*snapshot->find(1), request, 1000, [](int) { return std::nullopt; });
    // Half of its turns pass to the other one: it gets one pick in three, not one in two.
    EXPECT_NEAR(counts.at(d.uri), 333, 15);
}

TEST(UseDefault, TheLastDestinationIsOnlyAFallback) {
    const auto snapshot = snapshotOf("1 sip:10.0.0.9 0 0\n1 sip:10.0.0.1 0 5\n1 sip:10.0.0.2 0 5\n");
    // Array: 10.0.0.2, 10.0.0.1 (priority 5), then 10.0.0.9 (priority 0) = the default.
    SelectRequest request;
    request.alg = kAlgRoundRobin;
    request.use_default = true;
    const auto counts = spread(*snapshot->find(1), request, 100, [](int) { return std::nullopt; });
    EXPECT_EQ(counts.count("sip:10.0.0.9"), 0u);
    const auto s = selectDestinations(*snapshot->find(1), request);
    EXPECT_EQ(snapshot->find(1)->dests[s.order.back()]->uri, "sip:10.0.0.9") << "appended last for failover";
    dest(*snapshot, 0).flags = kInactive;
    dest(*snapshot, 1).flags = kInactive;
    EXPECT_EQ(snapshot->find(1)->dests[selectDestinations(*snapshot->find(1), request).order.front()]->uri,
              "sip:10.0.0.9");
}

TEST(Selection, InactiveAndDisabledAreNeverSelectedByAnyAlgorithm) {
    for (const int alg : {0, 1, 4, 6, 8, 9, 10, 11, 13, 14, 15, 64}) {
        const auto snapshot = snapshotOf(listOf(3, "duid=x;weight=33;rweight=33"));
        dest(*snapshot, 0).flags = kInactive;
        dest(*snapshot, 2).flags = kDisabled | kProbing;
        SelectRequest request;
        request.alg = alg;
        for (int i = 0; i < 50; ++i) {
            request.key = callIdKey(i);
            const auto s = selectDestinations(*snapshot->find(1), request);
            ASSERT_EQ(s.rc, 1) << "alg " << alg;
            EXPECT_EQ(s.order, std::vector<size_t>{1}) << "alg " << alg;
        }
        dest(*snapshot, 1).flags = kInactive | kProbing;
        request.key = callIdKey(0);
        EXPECT_EQ(selectDestinations(*snapshot->find(1), request).rc, -1) << "alg " << alg;
    }
}

}  // namespace
}  // namespace sipline::dispatcher
