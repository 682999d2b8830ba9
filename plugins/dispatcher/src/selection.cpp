#include "selection.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>

#include "ds_hash.hpp"
#include "smooth_weights.hpp"

namespace sipline::dispatcher {
namespace {

using Excluded = std::function<bool(const Destination &)>;

bool selectable(const Destination &d) noexcept { return !isSkipped(d.flags.load(std::memory_order_acquire)); }

// The set as one selection sees it: nr destinations, the first n of them chosen by the
// algorithm (the last one is the fallback when use_default is on).
struct Frame {
    DestinationSet &set;
    const SelectRequest &request;
    size_t nr;
    size_t n;
    size_t limit;
    size_t default_index; // kNoPick without use_default

    Destination &at(size_t i) const { return *set.dests[i]; }
};

Frame frameOf(DestinationSet &set, const SelectRequest &request) {
    const size_t nr = set.dests.size();
    const bool fallback = request.use_default && nr > 1;
    return Frame{set, request, nr, fallback ? nr - 1 : nr, request.limit ? request.limit : SIZE_MAX,
                 fallback ? nr - 1 : kNoPick};
}

size_t defaultOrNone(const Frame &f) {
    return f.default_index != kNoPick && selectable(f.at(f.default_index)) ? f.default_index : kNoPick;
}

// Kamailio's step 4: from start, the next selectable index among the first n, else the default.
size_t probeFrom(const Frame &f, size_t start, bool overload = false) {
    for (size_t k = 0; k < f.n; ++k) {
        const size_t i = (start + k) % f.n;
        if (!selectable(f.at(i))) continue;
        if (overload && overloadSkips(f.at(i))) continue;
        return i;
    }
    return defaultOrNone(f);
}

std::vector<size_t> selectableIndexes(const Frame &f) {
    std::vector<size_t> out;
    for (size_t i = 0; i < f.n; ++i)
        if (selectable(f.at(i))) out.push_back(i);
    return out;
}

// Kamailio's step 8: the pick, then the following indexes round the array, skipping the
// unselectable and the default, which comes last.
std::vector<size_t> standardOrder(const Frame &f, size_t pick, const Excluded &excluded = {}) {
    std::vector<size_t> order{pick};
    for (size_t k = 1; k < f.nr && order.size() < f.limit; ++k) {
        const size_t i = (pick + k) % f.nr;
        if (i == f.default_index || !selectable(f.at(i)) || (excluded && excluded(f.at(i)))) continue;
        order.push_back(i);
    }
    if (f.default_index != kNoPick && pick != f.default_index && order.size() < f.limit)
        order.push_back(f.default_index);
    return order;
}

std::vector<size_t> orderOrEmpty(const Frame &f, size_t pick, const Excluded &excluded = {}) {
    return pick == kNoPick ? std::vector<size_t>{} : standardOrder(f, pick, excluded);
}

std::vector<size_t> roundRobin(const Frame &f, bool overload) {
    std::lock_guard lock{f.set.mutex};
    const size_t pick = probeFrom(f, f.set.last % f.n, overload);
    // Re-point after skipping (Kamailio 18eeda012a): the successor of a skipped one gets no
    // double turn.
    if (pick != kNoPick) f.set.last = (pick + 1) % f.nr;
    return orderOrEmpty(f, pick);
}

std::vector<size_t> rendezvous(const Frame &f, const HashKey &key) {
    const uint64_t key_hash = textHash64(key.first, key.second);
    std::vector<std::pair<uint64_t, size_t>> scored;
    for (const size_t i : selectableIndexes(f)) scored.emplace_back(rendezvousScore(key_hash, f.at(i).seed), i);
    std::sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<size_t> order;
    for (const auto &[score, i] : scored) {
        if (order.size() >= f.limit) break;
        order.push_back(i);
    }
    if (order.empty()) {
        const size_t fallback = defaultOrNone(f);
        if (fallback != kNoPick) order.push_back(fallback);
    } else if (f.default_index != kNoPick && order.size() < f.limit) {
        order.push_back(f.default_index);
    }
    return order;
}

std::vector<size_t> hashed(const Frame &f, const HashKey &key, HashMode mode) {
    if (mode == HashMode::Rendezvous) return rendezvous(f, key);
    return orderOrEmpty(f, probeFrom(f, kamailioHash(key.first, key.second) % f.n));
}

std::vector<size_t> random(const Frame &f) {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    const auto candidates = selectableIndexes(f);
    if (candidates.empty()) return orderOrEmpty(f, defaultOrNone(f));
    return standardOrder(f, candidates[engine() % candidates.size()]);
}

// Smooth weighted round robin over the selectable destinations; equal shares when none of
// them has a weight, so a skipped destination's share spreads over the others.
std::vector<size_t> weighted(const Frame &f, std::vector<int> weights, size_t table) {
    bool any = false;
    for (size_t i = 0; i < weights.size(); ++i) {
        if (i >= f.n || !selectable(f.at(i))) weights[i] = 0;
        any = any || weights[i] > 0;
    }
    if (!any)
        for (size_t i = 0; i < f.n; ++i) weights[i] = selectable(f.at(i)) ? 1 : 0;
    size_t pick = kNoPick;
    {
        std::lock_guard lock{f.set.mutex};
        pick = smoothWeightedPick(f.set.swrr[table], weights);
    }
    return orderOrEmpty(f, pick == kNoPick ? defaultOrNone(f) : pick);
}

std::vector<int> weightShares(const Frame &f) {
    std::vector<int> weights(f.nr, 0);
    for (size_t i = 0; i < f.nr; ++i) weights[i] = f.at(i).effective_weight;
    return weights;
}

// Alg 11: rweight, or with cc=1 and latency stats the weight less the congestion (1.6.7).
std::vector<int> relativeWeights(const Frame &f) {
    std::vector<int> weights(f.nr, 0);
    std::vector<int> congestion(f.nr, 0);
    int congested = 0, normal = 0, total_congestion = 0;
    for (size_t i = 0; i < f.nr; ++i) {
        const Destination &d = f.at(i);
        weights[i] = d.attrs.rweight;
        if (!d.attrs.cc || !f.request.latency_stats) continue;
        std::lock_guard lock{d.mutex};
        congestion[i] = d.latency.congestionMs();
        if (congestion[i] > 0) ++congested, total_congestion += congestion[i];
        else ++normal;
        weights[i] = std::max(0, d.attrs.weight - congestion[i]);
    }
    if (congested > 1 && normal == 0)
        for (size_t i = 0; i < f.nr; ++i)
            if (f.at(i).attrs.cc && congestion[i] > 0) weights[i] = (total_congestion << 4) / congestion[i];
    return weights;
}

// Alg 15: the selectable destinations with the lowest priority value, by weight.
std::vector<int> priorityWeights(const Frame &f) {
    std::vector<int> weights(f.nr, 0);
    std::optional<int> lowest;
    for (const size_t i : selectableIndexes(f)) lowest = std::min(lowest.value_or(f.at(i).priority), f.at(i).priority);
    if (!lowest) return weights;
    bool any = false;
    for (size_t i = 0; i < f.n; ++i)
        if (selectable(f.at(i)) && f.at(i).priority == *lowest) any = any || f.at(i).attrs.weight > 0;
    for (size_t i = 0; i < f.n; ++i)
        if (selectable(f.at(i)) && f.at(i).priority == *lowest) weights[i] = any ? f.at(i).attrs.weight : 1;
    return weights;
}

bool atMaxLoad(const Frame &f, const Destination &d) {
    return d.attrs.maxload > 0 && f.request.load_of && f.request.load_of(d) >= d.attrs.maxload;
}

std::vector<size_t> leastLoaded(const Frame &f) {
    size_t pick = kNoPick;
    int best = 0;
    for (const size_t i : selectableIndexes(f)) {
        const Destination &d = f.at(i);
        if (atMaxLoad(f, d)) continue;
        const int load = f.request.load_of ? f.request.load_of(d) : 0;
        if (pick == kNoPick || load < best) pick = i, best = load;
    }
    return orderOrEmpty(f, pick, [&f](const Destination &d) { return atMaxLoad(f, d); });
}

// Alg 13: from `last`, rpriority = priority - latency/priority when latency > priority > 0
// (floor 1), highest first; `last` moves past the pick.
std::vector<size_t> latencyOrdered(const Frame &f) {
    std::lock_guard lock{f.set.mutex};
    std::vector<std::pair<int, size_t>> ranked;
    for (size_t k = 0; k < f.n; ++k) {
        const size_t i = (f.set.last + k) % f.n;
        Destination &d = f.at(i);
        if (!selectable(d)) continue;
        int latency = 0;
        {
            std::lock_guard dlock{d.mutex};
            latency = d.attrs.cc ? d.latency.congestionMs() : static_cast<int>(d.latency.estimate);
        }
        int rpriority = d.priority;
        if (latency > d.priority && d.priority > 0) rpriority = std::max(1, d.priority - latency / d.priority);
        ranked.emplace_back(rpriority, i);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<size_t> order;
    for (const auto &[rank, i] : ranked)
        if (order.size() < f.limit) order.push_back(i);
    if (order.empty()) {
        const size_t fallback = defaultOrNone(f);
        if (fallback != kNoPick) order.push_back(fallback);
    } else if (f.default_index != kNoPick && order.size() < f.limit) {
        order.push_back(f.default_index);
    }
    if (!order.empty()) f.set.last = (order.front() + 1) % f.nr;
    return order;
}

}  // namespace

bool isHashAlgorithm(int alg) noexcept {
    return alg == kAlgCallId || alg == kAlgFromUri || alg == kAlgToUri || alg == kAlgRequestUri ||
           alg == kAlgAuthUser || alg == kAlgVariable;
}

bool overloadSkips(Destination &d) {
    std::lock_guard lock{d.mutex};
    if (d.oc.rate <= 0 || std::chrono::steady_clock::now() >= d.oc.until) return false;
    return d.oc.skip[d.oc.index++ % d.oc.skip.size()];
}

Selection selectDestinations(DestinationSet &set, const SelectRequest &request) {
    Selection out;
    if (set.dests.empty()) return out;
    const Frame f = frameOf(set, request);
    int alg = request.alg;
    if (alg == kAlgRoundRobinOrSerial) alg = set.alg14_round_robin ? kAlgRoundRobin : kAlgSerial;
    if (alg == kAlgAuthUser && !request.key) alg = kAlgRoundRobin; // no credentials
    switch (alg) {
    case kAlgCallId: case kAlgFromUri: case kAlgToUri: case kAlgRequestUri: case kAlgAuthUser: case kAlgVariable:
        if (!request.key) return out;
        out.order = hashed(f, *request.key, request.hash_mode);
        break;
    case kAlgRoundRobin: out.order = roundRobin(f, false); break;
    case kAlgOverloadControl: out.order = roundRobin(f, true); break;
    case kAlgRandom: out.order = random(f); break;
    case kAlgWeight: out.order = weighted(f, weightShares(f), 0); break;
    case kAlgCallLoad: out.order = leastLoaded(f); break;
    case kAlgRelativeWeight: out.order = weighted(f, relativeWeights(f), 1); break;
    case kAlgPriorityWeight: out.order = weighted(f, priorityWeights(f), 2); break;
    case kAlgLatency: out.order = latencyOrdered(f); break;
    case kAlgParallel: {
        // Every selectable destination, ignoring limit: the caller sets the first and
        // reports the rest as branches it could not add (the SDK cannot add branches yet).
        SelectRequest all = request;
        all.limit = 0;
        out.order = orderOrEmpty(frameOf(set, all), probeFrom(f, 0));
        out.rc = out.order.empty() ? -1 : (out.order.size() > 1 ? 2 : 1);
        return out;
    }
    case kAlgSerial:
    default: out.order = orderOrEmpty(f, probeFrom(f, 0)); break; // unknown: hash 0, as Kamailio
    }
    out.rc = out.order.empty() ? -1 : 1;
    return out;
}

}  // namespace sipline::dispatcher
