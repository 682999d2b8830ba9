// dispatcher.next / next_domain / set_dst / set_domain / mark / mark_addr: walking and marking
// the records the last select left (Kamailio's ds_next_dst, ds_set_dst, ds_mark_dst, ...).
#include "call_args.hpp"
#include "dispatcher_instance.hpp"
#include "lookup.hpp"

namespace sipline::dispatcher {

sipline_rc DispatcherPlugin::moveToNext(sdk::Call &call, Apply apply) {
    if (!(config_.flags & kFlagFailover)) return -1; // Kamailio: failover needs flags bit 2
    RunState *state = existingRunState(host().raw(), call.run);
    if (!state || state->left() < 2) return -1;
    const RunRecord &previous = *state->front();
    ++state->current;
    const RunRecord &next = *state->front();
    if (!applyDestination(call, apply, sdk::view(next.uri))) return SIPLINE_RC_ERROR;
    if (state->alg == kAlgCallLoad) {
        // The call's load follows it to the new destination.
        const auto call_id = call.msg.header("Call-ID");
        const std::string_view duid = next.duid.len ? sdk::view(next.duid) : sdk::view(next.uri);
        if (call_id && previous.grp >= 0) call_load_.move(*call_id, next.grp, duid);
    }
    return 1;
}

sipline_rc DispatcherPlugin::pushCurrent(sdk::Call &call, Apply apply) {
    if (!(config_.flags & kFlagFailover)) return -1;
    RunState *state = existingRunState(host().raw(), call.run);
    if (!state || !state->front()) return -1;
    return applyDestination(call, apply, sdk::view(state->front()->uri)) ? 1 : SIPLINE_RC_ERROR;
}

sipline_rc DispatcherPlugin::nextDst(sdk::Call &call) { return moveToNext(call, Apply::DstUri); }
sipline_rc DispatcherPlugin::nextDomain(sdk::Call &call) { return moveToNext(call, Apply::Domain); }
sipline_rc DispatcherPlugin::setDst(sdk::Call &call) { return pushCurrent(call, Apply::DstUri); }
sipline_rc DispatcherPlugin::setDomain(sdk::Call &call) { return pushCurrent(call, Apply::Domain); }

std::optional<uint32_t> DispatcherPlugin::markLetters(const sdk::Call &call, uint32_t index) const {
    if (!call.has(index)) {
        // No argument: inactive, and probing too when every destination is probed (mode 1).
        return kInactive | (config_.probing_mode == 1 ? kProbing : 0);
    }
    return parseMarkLetters(textArg(call, index));
}

sipline_rc DispatcherPlugin::markDst(sdk::Call &call) {
    if (!(config_.flags & kFlagFailover)) return -1;
    const auto letters = markLetters(call, 0);
    if (!letters) {
        host().error("mark: state letters must be a, i, t, d or p");
        return -1;
    }
    RunState *state = existingRunState(host().raw(), call.run);
    if (!state || !state->front()) return -1;
    const RunRecord &record = *state->front();
    const auto current = snapshot();
    Destination *d = findDestination(*current, record.grp, sdk::view(record.uri), record.dstidx);
    if (!d) return -1;
    applyState(*d, *letters, StateSource::Script, "marked by the route");
    return 1;
}

sipline_rc DispatcherPlugin::markAddr(sdk::Call &call) {
    const auto letters = markLetters(call, 0);
    const auto setid = integerArg(call, 1);
    const std::string_view uri = textArg(call, 2);
    if (!letters || !setid || uri.empty() || *setid < 0 || *setid > INT32_MAX) return -1;
    const auto current = snapshot();
    const auto matches = findAll(*current, static_cast<int>(*setid), uri);
    if (matches.empty()) return -1;
    for (Destination *d : matches) applyState(*d, *letters, StateSource::Script, "marked by the route");
    return 1;
}

}  // namespace sipline::dispatcher
