// Kamailio's ds_update_state: how a new state from a keepalive, a script function or the
// control interface combines with the old one and the probing/inactive thresholds.
#pragma once

#include <cstdint>

#include "destination.hpp"

namespace sipline::dispatcher {

enum class StateSource {
    Probe,  // a keepalive outcome: thresholds apply
    Script, // ds_mark_dst/ds_mark_addr: thresholds bypassed (Kamailio 6.1)
    Rpc,    // dispatcher.set_state: bits written as given
};

struct Thresholds {
    int probing = 1; // consecutive failures before Trying -> Inactive
    int inactive = 1; // consecutive successes before Inactive -> Active
};

struct StateChange {
    uint32_t before = 0;
    uint32_t after = 0;
    bool wentDown() const noexcept { return !isSkipped(before) && isSkipped(after); }
    bool wentUp() const noexcept { return isSkipped(before) && !isSkipped(after); }
};

StateChange updateState(Destination &destination, uint32_t new_state, StateSource source,
                        const Thresholds &thresholds);

}  // namespace sipline::dispatcher
