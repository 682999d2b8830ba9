// Picking destinations of one set: every algorithm of Kamailio's ds_select_dst (numbers as
// Kamailio's), returning the pick and the failover order. The caller extracts the hash input
// from the message and applies the result ($du, R-URI, records).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "destination.hpp"

namespace sipline::dispatcher {

enum Algorithm : int {
    kAlgCallId = 0,
    kAlgFromUri = 1,
    kAlgToUri = 2,
    kAlgRequestUri = 3,
    kAlgRoundRobin = 4,
    kAlgAuthUser = 5,
    kAlgRandom = 6,
    kAlgVariable = 7,
    kAlgSerial = 8,
    kAlgWeight = 9,
    kAlgCallLoad = 10,
    kAlgRelativeWeight = 11,
    kAlgParallel = 12,
    kAlgLatency = 13,
    kAlgRoundRobinOrSerial = 14,
    kAlgPriorityWeight = 15,
    kAlgOverloadControl = 64,
};

bool isHashAlgorithm(int alg) noexcept; // 0, 1, 2, 3, 5 (with credentials), 7

enum class HashMode {
    Rendezvous, // sipline: skipped shares spread evenly, live calls keep their destination
    Kamailio,   // ds_get_hash % n, skipped ones pass their share to the next index
};

struct HashKey {
    std::string first;
    std::string second;
};

struct SelectRequest {
    int alg = kAlgCallId;
    size_t limit = 0;                 // records in the failover order; 0 = unlimited
    std::optional<HashKey> key;       // hash input; nullopt when the message lacks it
    bool use_default = false;         // the last destination is a fallback only
    HashMode hash_mode = HashMode::Rendezvous;
    bool latency_stats = false;       // cc=1 and alg 13 use the keepalive estimates
    std::function<int(const Destination &)> load_of; // alg 10: active calls
};

struct Selection {
    int rc = -1;               // 1 picked; -1 nothing selectable or input missing; 2 alg 12
    std::vector<size_t> order; // order[0] = the pick, then the failover order
};

Selection selectDestinations(DestinationSet &set, const SelectRequest &request);

// Overload control of alg 64: does this pick skip the destination? Advances its table.
bool overloadSkips(Destination &destination);

}  // namespace sipline::dispatcher
