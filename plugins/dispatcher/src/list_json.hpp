// dispatcher.list's result in Kamailio's shape: {NRSETS, RECORDS:[{SET:{ID, TARGETS:[{DEST:
// {...}}]}}]}, keys in Kamailio's order.
#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "destination.hpp"

namespace sipline::dispatcher {

enum class ListDetail { Short, Normal, Full };

struct ListOptions {
    ListDetail detail = ListDetail::Normal;
    bool latency_stats = false;
    bool call_load = false;                        // ds_hash_size > 0: RUNTIME {DLGLOAD}
    std::function<int(const Destination &)> load_of; // active calls
};

nlohmann::ordered_json listJson(const Snapshot &snapshot, const ListOptions &options);

}  // namespace sipline::dispatcher
