#include "source_match.hpp"

#include <algorithm>

#include "lookup.hpp"

namespace sipline::dispatcher {
namespace {

int scoreOf(const Destination &d, int mode, const SourceAddress &source) {
    if (d.flags.load(std::memory_order_acquire) & kNoDns) return 0; // never matched
    if ((mode & kMatchActiveOnly) && isSkipped(d.flags.load(std::memory_order_acquire))) return 0;
    const bool ip = std::any_of(d.addresses.begin(), d.addresses.end(), [&](const std::string &a) {
        return std::find(source.addresses.begin(), source.addresses.end(), a) != source.addresses.end();
    });
    if (!ip) return 0;
    // A destination without a port matches any port (easy to miss, but Kamailio's rule).
    const bool port = d.port == 0 || d.port == source.port;
    const bool proto = d.transport == Transport::Any || d.transport == source.transport;
    const bool socket = d.attrs.socket.empty() || sameUri(d.attrs.socket, source.local_socket);
    return 1 | (port ? 2 : 0) | (proto ? 4 : 0) | (socket ? 8 : 0);
}

bool accepted(int score, int mode) {
    if (score == 0) return false;
    if (!(mode & kMatchIgnorePort) && !(score & 2)) return false;
    if (!(mode & kMatchIgnoreProto) && !(score & 4)) return false;
    if ((mode & kMatchSocket) && !(score & 8)) return false;
    return true;
}

}  // namespace

const Destination *matchSource(const Snapshot &snapshot, int group, int mode, const SourceAddress &source) {
    const Destination *best = nullptr;
    int best_score = 0;
    for (const auto &[id, set] : snapshot.sets) {
        if (group >= 0 && id != group) continue;
        for (const auto &d : set->dests) {
            const int score = scoreOf(*d, mode, source);
            if (!(mode & kMatchBestScore)) {
                if (accepted(score, mode)) return d.get();
                continue;
            }
            if (score > best_score) best = d.get(), best_score = score;
            if (best_score == 15) return best; // a full match: stop
        }
    }
    return best;
}

}  // namespace sipline::dispatcher
