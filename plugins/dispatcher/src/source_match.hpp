// ds_is_from_list: does an address (the message's source, or a URI's resolved host) belong to
// a destination? Mode bits as Kamailio's: 1 ignore port, 2 ignore transport, 4 only
// selectable destinations, 8 the destination's socket must be the receiving one, 16 best score.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "destination.hpp"

namespace sipline::dispatcher {

inline constexpr int kMatchIgnorePort = 1;
inline constexpr int kMatchIgnoreProto = 2;
inline constexpr int kMatchActiveOnly = 4;
inline constexpr int kMatchSocket = 8;
inline constexpr int kMatchBestScore = 16;

struct SourceAddress {
    std::vector<std::string> addresses; // IP literals
    uint16_t port = 0;
    Transport transport = Transport::Udp;
    std::string local_socket; // "udp:127.0.0.1:5060", the receiving socket
};

// group < 0: every set, in ascending set id order. The first match wins (best with bit 16).
const Destination *matchSource(const Snapshot &snapshot, int group, int mode, const SourceAddress &source);

}  // namespace sipline::dispatcher
