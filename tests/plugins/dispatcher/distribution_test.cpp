// The distribution table: every algorithm 0..13 over 10 000 synthetic requests, first with the
// four destinations of one set up, then with one of them inactive. Hash inputs come from real
// header values (Call-ID, From, To, R-URI, Proxy-Authorization) through hashInput(). Each row
// states its expected shares and tolerance; the table is printed for the closing note.
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>

#include <gtest/gtest.h>

#include "fake_host.hpp"
#include "hash_input.hpp"
#include "smooth_weights.hpp"
#include "test_sets.hpp"

namespace sipline::dispatcher {
namespace {

using dispatcher_test::FakeHost;
using dispatcher_test::FakeMessage;

constexpr int kRequests = 10000;
// Array order (1.6.1: equal priorities, later line first) is .4, .3, .2, .1.
constexpr const char *kFarm = "1 sip:10.0.0.1:5060 0 0 duid=d1;weight=40;rweight=40\n"
                              "1 sip:10.0.0.2:5060 0 0 duid=d2;weight=30;rweight=30\n"
                              "1 sip:10.0.0.3:5060 0 0 duid=d3;weight=20;rweight=20\n"
                              "1 sip:10.0.0.4:5060 0 0 duid=d4;weight=10;rweight=10\n";
const std::vector<std::string> kUris = {"sip:10.0.0.1:5060", "sip:10.0.0.2:5060", "sip:10.0.0.3:5060",
                                        "sip:10.0.0.4:5060"};
constexpr size_t kSkipped = 1; // 10.0.0.2, the weight-30 one, in kUris order

// Request i as a UA would send it: distinct Call-ID, From user, R-URI user and credentials.
FakeMessage syntheticRequest(int i) {
    const std::string n = std::to_string(i * 7919 % 100003);
    FakeMessage m;
    m.ruri = "sip:+4930" + n + "@pbx.example.com";
    m.headers = {{"Call-ID", "a84b4c76e66710-" + n + "@198.51.100.7"},
                 {"From", "\"Caller " + n + "\" <sip:user" + n + "@example.com>;tag=" + n},
                 {"To", "<sip:ext" + n + "@example.net:5070>"},
                 {"CSeq", "1 INVITE"},
                 {"Proxy-Authorization", "Digest username=\"agent" + n + "\", realm=\"example.com\", nonce=\"x\""}};
    return m;
}

std::optional<HashKey> keyFor(int alg, const FakeHost &host, FakeMessage &msg, int i) {
    // Alg 7 hashes hash_pvar's text; here the text "$fU:$ci" would give.
    if (alg == kAlgVariable) return HashKey{"user" + std::to_string(i) + ":" + msg.headers[0].value, {}};
    return hashInput(alg, sdk::Message{host.table(), msg.handle()}, false);
}

struct Row {
    int alg;
    const char *name;
    std::vector<double> shares; // expected fraction per URI of kUris
    double tolerance;           // allowed deviation, as a fraction of the expected count
    int slack;                  // plus this many requests (rounding of a partial cycle)
};

struct Outcome {
    std::vector<int> counts = std::vector<int>(4, 0);
    std::vector<size_t> picks; // per request, the index in the set's array
    size_t branches = 0;       // alg 12: destinations in the last selection
};

Outcome runRequests(const FakeHost &host, DestinationSet &set, int alg, HashMode mode = HashMode::Rendezvous) {
    Outcome out;
    std::map<std::string, int> load; // alg 10: calls never end here, so load only grows
    SelectRequest request;
    request.alg = alg;
    request.hash_mode = mode;
    request.load_of = [&load](const Destination &d) { return load[d.attrs.duid]; };
    for (int i = 0; i < kRequests; ++i) {
        FakeMessage msg = syntheticRequest(i);
        if (isHashAlgorithm(alg) || alg == kAlgCallLoad) request.key = keyFor(alg, host, msg, i);
        const Selection s = selectDestinations(set, request);
        EXPECT_GT(s.rc, 0) << "alg " << alg << " request " << i;
        if (s.rc <= 0) continue;
        const Destination &d = *set.dests[s.order.front()];
        if (alg == kAlgCallLoad) ++load[d.attrs.duid];
        ++out.counts[static_cast<size_t>(std::find(kUris.begin(), kUris.end(), d.uri) - kUris.begin())];
        out.picks.push_back(s.order.front());
        out.branches = s.order.size();
    }
    return out;
}

void expectShares(const Row &row, const Outcome &out, const std::string &when) {
    for (size_t u = 0; u < kUris.size(); ++u) {
        const double expected = row.shares[u] * kRequests;
        EXPECT_NEAR(out.counts[u], expected, expected * row.tolerance + row.slack)
            << "alg " << row.alg << " (" << row.name << ") " << when << ", " << kUris[u];
    }
}

void header(const std::string &what) {
    std::cout << "[ table    ] alg name            " << std::setw(7) << ".1" << std::setw(7) << ".2" << std::setw(7)
              << ".3" << std::setw(7) << ".4" << "   (sip:10.0.0.N:5060; " << what << ")\n";
}

void printRow(const Row &row, const Outcome &out) {
    std::cout << "[ table    ] " << std::setw(2) << row.alg << " " << std::left << std::setw(16) << row.name
              << std::right;
    for (const int n : out.counts) std::cout << std::setw(7) << n;
    std::cout << "   expected";
    for (const double s : row.shares) std::cout << " " << std::setw(5) << std::lround(s * kRequests);
    if (row.tolerance > 0) std::cout << " +-" << std::lround(row.tolerance * 100) << "%";
    else std::cout << " +-" << row.slack;
    std::cout << "\n";
}

constexpr double kThird = 1.0 / 3;
constexpr double kHashTolerance = 0.06;   // 2500 +- 150: about 3.5 standard deviations
constexpr double kRandomTolerance = 0.07;

// All four up.
const std::vector<Row> kAllUp = {
    {0, "Call-ID hash", {.25, .25, .25, .25}, kHashTolerance, 0},
    {1, "From URI hash", {.25, .25, .25, .25}, kHashTolerance, 0},
    {2, "To URI hash", {.25, .25, .25, .25}, kHashTolerance, 0},
    {3, "R-URI hash", {.25, .25, .25, .25}, kHashTolerance, 0},
    {4, "round robin", {.25, .25, .25, .25}, 0, 0},
    {5, "auth user hash", {.25, .25, .25, .25}, kHashTolerance, 0},
    {6, "random", {.25, .25, .25, .25}, kRandomTolerance, 0},
    {7, "variable hash", {.25, .25, .25, .25}, kHashTolerance, 0},
    {8, "serial", {0, 0, 0, 1}, 0, 0}, // index 0: the highest priority, here the last line
    {9, "weight", {.4, .3, .2, .1}, 0, 0},
    {10, "call load", {.25, .25, .25, .25}, 0, 0},
    {11, "relative weight", {.4, .3, .2, .1}, 0, 0},
    {12, "parallel", {0, 0, 0, 1}, 0, 0}, // first branch; every destination is a branch
    {13, "latency", {.25, .25, .25, .25}, 0, 0}, // equal latencies: round robin from `last`
};

// 10.0.0.2 (weight 30) inactive: its share spreads evenly (weights keep their ratio).
const std::vector<Row> kOneSkipped = {
    {0, "Call-ID hash", {kThird, 0, kThird, kThird}, kHashTolerance, 0},
    {1, "From URI hash", {kThird, 0, kThird, kThird}, kHashTolerance, 0},
    {2, "To URI hash", {kThird, 0, kThird, kThird}, kHashTolerance, 0},
    {3, "R-URI hash", {kThird, 0, kThird, kThird}, kHashTolerance, 0},
    {4, "round robin", {kThird, 0, kThird, kThird}, 0, 1},
    {5, "auth user hash", {kThird, 0, kThird, kThird}, kHashTolerance, 0},
    {6, "random", {kThird, 0, kThird, kThird}, kRandomTolerance, 0},
    {7, "variable hash", {kThird, 0, kThird, kThird}, kHashTolerance, 0},
    {8, "serial", {0, 0, 0, 1}, 0, 0},
    {9, "weight", {4.0 / 7, 0, 2.0 / 7, 1.0 / 7}, 0, 2},
    {10, "call load", {kThird, 0, kThird, kThird}, 0, 1},
    {11, "relative weight", {4.0 / 7, 0, 2.0 / 7, 1.0 / 7}, 0, 2},
    {12, "parallel", {0, 0, 0, 1}, 0, 0},
    {13, "latency", {kThird, 0, kThird, kThird}, 0, 1},
};

size_t arrayIndexOf(const DestinationSet &set, const std::string &uri) {
    for (size_t i = 0; i < set.dests.size(); ++i)
        if (set.dests[i]->uri == uri) return i;
    return kNoPick;
}

TEST(Distribution, EveryAlgorithmOver10000RequestsWithAllUpAndWithOneInactive) {
    FakeHost host;
    header("10 000 requests, all up");
    std::map<int, Outcome> before;
    for (const Row &row : kAllUp) {
        const auto snapshot = dispatcher_test::snapshotOf(kFarm);
        const Outcome out = runRequests(host, *snapshot->find(1), row.alg);
        printRow(row, out);
        expectShares(row, out, "all up");
        if (row.alg == kAlgParallel) {
            EXPECT_EQ(out.branches, 4u) << "alg 12 branches to every destination";
        }
        before[row.alg] = out;
    }
    header("10 000 requests, 10.0.0.2 inactive");
    for (const Row &row : kOneSkipped) {
        const auto snapshot = dispatcher_test::snapshotOf(kFarm);
        DestinationSet &set = *snapshot->find(1);
        const size_t skipped = arrayIndexOf(set, kUris[kSkipped]);
        set.dests[skipped]->flags = kInactive;
        const Outcome out = runRequests(host, set, row.alg);
        printRow(row, out);
        expectShares(row, out, "10.0.0.2 inactive");
        if (row.alg == kAlgParallel) {
            EXPECT_EQ(out.branches, 3u);
        }
        if (!isHashAlgorithm(row.alg)) continue;
        // Rendezvous hashing: a request whose destination is still up keeps it.
        size_t moved = 0;
        for (size_t i = 0; i < out.picks.size(); ++i)
            if (before[row.alg].picks[i] != skipped && before[row.alg].picks[i] != out.picks[i]) ++moved;
        EXPECT_EQ(moved, 0u) << "alg " << row.alg << ": calls of live destinations moved";
    }
}

// For contrast, hash_mode = "kamailio" (ds_get_hash % n, then the next selectable index):
// the inactive destination's share goes to its array successor (kamailio#2361).
TEST(Distribution, KamailioHashModeGivesTheSkippedShareToTheSuccessor) {
    FakeHost host;
    const auto snapshot = dispatcher_test::snapshotOf(kFarm);
    DestinationSet &set = *snapshot->find(1);
    header("10 000 requests, hash_mode kamailio");
    const Row up{0, "Call-ID kamailio", {.25, .25, .25, .25}, kHashTolerance, 0};
    const Outcome all = runRequests(host, set, kAlgCallId, HashMode::Kamailio);
    printRow(up, all);
    expectShares(up, all, "kamailio mode, all up");
    // Array order .4 .3 .2 .1: the successor of .2 is .1, which takes both shares.
    set.dests[arrayIndexOf(set, kUris[kSkipped])]->flags = kInactive;
    const Row skipped{0, "Call-ID kamailio", {.5, 0, .25, .25}, kHashTolerance, 0};
    const Outcome out = runRequests(host, set, kAlgCallId, HashMode::Kamailio);
    printRow(skipped, out);
    expectShares(skipped, out, "kamailio mode, .2 inactive");
}

}  // namespace
}  // namespace sipline::dispatcher
