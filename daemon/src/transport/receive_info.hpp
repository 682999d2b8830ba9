// Where a message came from and where it arrived.
#pragma once

#include <cstdint>

#include "transport/endpoint.hpp"

namespace sipline::transport {

struct ReceiveInfo {
    Endpoint source;            // the peer
    Endpoint local;             // our listening address it arrived on
    uint64_t connection_id = 0; // TCP connection to answer on; 0 for UDP
};

}  // namespace sipline::transport
