// One destination of a set, and a set: what a snapshot of the lists holds. Identity fields are
// fixed at load; state flags are atomics read lock-free by selection; counters that change
// together (probing count, latency, overload window) sit behind the destination's mutex.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "attrs.hpp"
#include "flags.hpp"
#include "latency.hpp"
#include "sip_uri.hpp"

namespace sipline::dispatcher {

// Overload control of alg 64 (RFC 7339 via ds_oc_set_attrs): within the window, ocrate % of
// the picks skip this destination, spread by a shuffled 100-entry table.
struct OverloadControl {
    int rate = 0;
    int64_t sequence = 0;
    std::chrono::steady_clock::time_point until{};
    std::array<bool, 100> skip{};
    uint32_t index = 0;
};

struct Destination {
    std::string uri;
    int setid = 0;
    int priority = 0;
    Attrs attrs;
    uint32_t iuid = 0;          // unique per process, shown as IUID
    size_t index = 0;           // position in the set's array (Kamailio's order)
    std::string host;
    uint16_t port = 0;          // 0: the URI has none (matches any port)
    Transport transport = Transport::Any;
    std::vector<std::string> addresses; // resolved at load, for is_from_list
    uint64_t seed = 0;          // rendezvous hashing identity (URI and occurrence)
    int effective_weight = 0;   // alg 9 share out of 100, after Kamailio's table rules

    std::atomic<uint32_t> flags{0};

    mutable std::mutex mutex;   // guards the fields below
    int probing_count = 0;
    LatencyStats latency;
    OverloadControl oc;
};

// Per-set selection state: the round-robin pointer and the smooth weighted round-robin
// counters, behind one lock as Kamailio's per-set lock.
struct DestinationSet {
    int id = 0;
    std::vector<std::shared_ptr<Destination>> dests; // index 0 = highest priority value
    bool alg14_round_robin = false;                  // every priority equal and > 0

    std::mutex mutex;
    size_t last = 0;
    std::array<std::vector<int64_t>, 3> swrr; // algs 9, 11, 15
};

// Every set as loaded; replaced whole on reload, read by holding a shared_ptr.
struct Snapshot {
    std::map<int, std::shared_ptr<DestinationSet>> sets;
    std::string source; // where it came from, for logs

    DestinationSet *find(int setid) const noexcept {
        const auto it = sets.find(setid);
        return it == sets.end() ? nullptr : it->second.get();
    }
};

}  // namespace sipline::dispatcher
