// Rows to sets: Kamailio's array order (1.6.1), URIs checked and resolved, the alg 9 shares
// and the alg 14 decision computed once, so selection only reads.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "destination.hpp"
#include "list_row.hpp"

namespace sipline::dispatcher {

// Host name to IP literals; empty when it does not resolve.
using Resolver = std::function<std::vector<std::string>(const std::string &host)>;

struct BuildOptions {
    bool abort_on_bad_destination = false; // ds_load_mode 1
    bool attrs_none = false;               // ds_attrs_none: "none=yes" for empty attrs
};

struct BuildResult {
    std::shared_ptr<Snapshot> snapshot;   // null on error
    std::vector<std::string> warnings;    // skipped destinations
    std::string error;
};

BuildResult buildSnapshot(const std::vector<ListRow> &rows, const BuildOptions &options, const Resolver &resolve);

// getaddrinfo (A and AAAA).
std::vector<std::string> resolveHost(const std::string &host);

// Carries the runtime state of destinations that exist in both (same set, URI and occurrence):
// flags (unless fresh_states), probing counters, latency (when keep_latency); and where each
// set's round robin stands.
void carryStates(const Snapshot &from, Snapshot &to, bool fresh_states, bool keep_latency);

// Alg 9's shares: Kamailio's 100-slot table, counted per destination (array order, cut at 100,
// the rest to the last one; all to index 0 when index 0 has no weight).
void computeWeightShares(DestinationSet &set);

}  // namespace sipline::dispatcher
