#include "state_update.hpp"

namespace sipline::dispatcher {

StateChange updateState(Destination &d, uint32_t new_state, StateSource source, const Thresholds &thresholds) {
    std::lock_guard lock{d.mutex};
    const uint32_t old = d.flags.load(std::memory_order_acquire);
    const uint32_t keep = old & ~kStateBits; // no-DNS and no-ping flags are not states
    if (source == StateSource::Rpc) {
        d.probing_count = 0;
        d.flags.store(keep | (new_state & kStateBits), std::memory_order_release);
        return {old, keep | (new_state & kStateBits)};
    }
    const uint32_t asked = new_state & kStateBits;
    uint32_t state = asked;
    // An inactive destination cannot go to Trying: it must come back to Active first.
    if ((state & kTrying) && (old & kInactive)) state = (state & ~kTrying) | kInactive;
    if (state & kDisabled) state = kDisabled;

    if (state & kTrying) {
        ++d.probing_count;
        if (source == StateSource::Script || d.probing_count >= thresholds.probing) {
            state = (state & ~kTrying) | kInactive;
            d.probing_count = 0;
        }
    } else if (!(asked & kTrying) && (old & kInactive) && !(state & kDisabled)) {
        ++d.probing_count;
        if (source == StateSource::Probe && d.probing_count < thresholds.inactive) {
            state |= kInactive | (old & kProbing);
        } else {
            d.probing_count = 0;
        }
    } else {
        d.probing_count = 0;
    }
    d.flags.store(keep | state, std::memory_order_release);
    return {old, keep | state};
}

}  // namespace sipline::dispatcher
