// dispatcher.select / select_domain / select_list / select_routes (Kamailio's ds_select_dst,
// ds_select_domain, ds_select, ds_select_routes): pick, apply the first pick, keep the rest
// for failover in the run's records.
#include <algorithm>
#include <cctype>

#include "call_args.hpp"
#include "dispatcher_instance.hpp"
#include "hash_input.hpp"
#include "sip_uri.hpp"

namespace sipline::dispatcher {
namespace {

std::string_view withoutScheme(std::string_view uri) noexcept {
    const size_t colon = uri.find(':');
    return colon == std::string_view::npos ? uri : uri.substr(colon + 1);
}

// ds_select_domain: the R-URI's scheme and user, then the destination minus its scheme.
std::string domainRewrite(std::string_view ruri, std::string_view destination) {
    const auto parsed = parseSipUri(ruri);
    std::string out = parsed && parsed->secure ? "sips:" : "sip:";
    if (parsed && !parsed->user.empty()) out.append(parsed->user).append("@");
    out.append(withoutScheme(destination));
    return out;
}

RunRecord recordOf(const sipline_host_t *host, sipline_run_t *run, const Destination &d) {
    return RunRecord{runCopy(host, run, d.uri), d.setid, static_cast<int32_t>(d.index), runCopy(host, run, d.attrs.body),
                     runCopy(host, run, d.attrs.duid), runCopy(host, run, d.attrs.socket)};
}

// Appends (or replaces) the run's records with these destinations.
bool storeRecords(const sipline_host_t *host, sipline_run_t *run, RunState &state,
                  const std::vector<const Destination *> &picked, bool append) {
    const uint32_t kept = append ? state.left() : 0;
    const uint32_t total = kept + static_cast<uint32_t>(picked.size());
    auto *records = static_cast<RunRecord *>(host->run_alloc(run, sizeof(RunRecord) * (total ? total : 1)));
    if (!records) return false;
    for (uint32_t i = 0; i < kept; ++i) records[i] = state.records[state.current + i];
    for (size_t i = 0; i < picked.size(); ++i) records[kept + i] = recordOf(host, run, *picked[i]);
    state.records = records;
    state.count = total;
    state.current = 0;
    return true;
}

// The optional third argument of the select functions: at most this many records; 0 = all.
size_t limitArg(const sdk::Call &call) {
    return static_cast<size_t>(std::max<int64_t>(0, integerArg(call, 2).value_or(0)));
}

}  // namespace

bool DispatcherPlugin::applyDestination(sdk::Call &call, Apply apply, std::string_view uri) const {
    switch (apply) {
    case Apply::DstUri: return call.msg.setDstUri(uri);
    case Apply::Domain: return call.msg.setRequestUri(domainRewrite(call.msg.requestUri(), uri));
    case Apply::None: return true;
    }
    return false;
}

DispatcherPlugin::SelectOutcome DispatcherPlugin::pick(sdk::Call &call, const Snapshot &snapshot, int64_t setid,
                                                       int64_t alg, size_t limit) {
    SelectOutcome out;
    DestinationSet *set = setid < 0 || setid > INT32_MAX ? nullptr : snapshot.find(static_cast<int>(setid));
    if (!set) {
        host().debug("select: no destination set " + std::to_string(setid));
        return out;
    }
    SelectRequest request;
    request.alg = static_cast<int>(alg);
    request.limit = limit;
    request.use_default = config_.use_default;
    request.hash_mode = config_.hash_mode;
    request.latency_stats = config_.latency_stats;
    std::string call_id;
    if (alg == kAlgCallLoad) {
        const auto header = call.msg.header("Call-ID");
        call_id = header ? std::string{trimmed(*header)} : std::string{};
        if (config_.hash_size <= 0) {
            host().error("select: algorithm 10 needs hash_size > 0");
            return out;
        }
        // Only INVITEs start calls; a known Call-ID (retransmission, re-INVITE) keeps its load.
        if (call.msg.method() != "INVITE" || call_id.empty() || call_load_.contains(call_id)) request.alg = kAlgCallId;
        else request.load_of = [this](const Destination &d) { return loadOf(d); };
    }
    if (request.alg == kAlgVariable) {
        if (!hash_template_) {
            host().error("select: algorithm 7 needs hash_pvar");
            return out;
        }
        sipline_value_t value{};
        if (host().raw()->template_eval(hash_template_, call.msg.raw(), call.run, &value) != SIPLINE_OK) return out;
        std::string text = value.type == SIPLINE_VALUE_INT ? std::to_string(value.integer)
                           : value.type == SIPLINE_VALUE_STR ? std::string{trimmed(sdk::view(value.str))}
                                                             : std::string{};
        if (text.empty()) return out;
        request.key = HashKey{std::move(text), {}};
    } else if (isHashAlgorithm(request.alg) || request.alg == kAlgCallLoad) {
        request.key = hashInput(request.alg, call.msg, (config_.flags & kFlagUserOnlyHash) != 0);
    }
    if (request.alg > kAlgPriorityWeight && request.alg != kAlgOverloadControl)
        host().warning("select: unknown algorithm " + std::to_string(alg) + ", using the first destination");
    const Selection selection = selectDestinations(*set, request);
    out.rc = selection.rc;
    for (const size_t i : selection.order) out.picked.push_back(set->dests[i].get());
    if (out.rc > 0 && request.alg == kAlgCallLoad && !out.picked.empty()) {
        const Destination &d = *out.picked.front();
        call_load_.add(call_id, d.setid, d.attrs.duid.empty() ? d.uri : d.attrs.duid);
    }
    return out;
}

sipline_rc DispatcherPlugin::selectCommon(sdk::Call &call, Apply apply, int64_t setid, int64_t alg, size_t limit,
                                          bool append) {
    if (apply == Apply::DstUri && config_.force_dst == 0 && !call.msg.dstUri().empty()) return -1;
    const auto current = snapshot(); // held for the whole call: a reload cannot free what we read
    SelectOutcome outcome = pick(call, *current, setid, alg, limit);
    if (outcome.rc < 0 || outcome.picked.empty()) return -1;
    if (!applyDestination(call, apply, outcome.picked.front()->uri)) return SIPLINE_RC_ERROR;
    RunState *state = runState(host().raw(), call.run);
    if (!state) return SIPLINE_RC_ERROR;
    const size_t selected = outcome.picked.size();
    // Algorithm 12: every other destination becomes a parallel branch of the next relay.
    size_t appended = 0;
    if (alg == kAlgParallel)
        for (size_t i = 1; i < outcome.picked.size(); ++i) appended += call.msg.appendBranch(outcome.picked[i]->uri);
    // Kamailio keeps the failover records only with flags bit 2 and never for alg 12; the
    // first record is kept anyway so $dsdst()/$dsattr() describe the pick.
    const bool failover = (config_.flags & kFlagFailover) && alg != kAlgParallel;
    if (!failover) outcome.picked.resize(1);
    if (!storeRecords(host().raw(), call.run, *state, outcome.picked, append)) return SIPLINE_RC_ERROR;
    state->selected = append ? state->selected + static_cast<int64_t>(selected) : static_cast<int64_t>(selected);
    state->alg = static_cast<int32_t>(alg);
    if (alg == kAlgParallel) {
        if (appended + 1 == selected) return 1;
        host().warning("select: algorithm 12 could add only " + std::to_string(appended) + " of " +
                       std::to_string(selected - 1) + " parallel branch(es)");
        return 2;
    }
    return outcome.rc;
}

sipline_rc DispatcherPlugin::selectDst(sdk::Call &call) {
    const auto setid = integerArg(call, 0), alg = integerArg(call, 1);
    if (!setid || !alg) return -1;
    return selectCommon(call, Apply::DstUri, *setid, *alg, limitArg(call), false);
}

sipline_rc DispatcherPlugin::selectDomain(sdk::Call &call) {
    const auto setid = integerArg(call, 0), alg = integerArg(call, 1);
    if (!setid || !alg) return -1;
    return selectCommon(call, Apply::Domain, *setid, *alg, limitArg(call), false);
}

sipline_rc DispatcherPlugin::selectOnly(sdk::Call &call) {
    const auto setid = integerArg(call, 0), alg = integerArg(call, 1);
    if (!setid || !alg) return -1;
    return selectCommon(call, Apply::None, *setid, *alg, limitArg(call), false);
}

// rules "1=4;2=8": groups in order; the first successful group's first pick is applied as
// mode says (0/d/D $du, 1/r/R R-URI, 2/x/X nowhere); every pick is appended to the records.
sipline_rc DispatcherPlugin::selectRoutes(sdk::Call &call) {
    const std::string_view rules = textArg(call, 0);
    const std::string_view mode = textArg(call, 1);
    Apply apply = Apply::None;
    if (mode == "0" || mode == "d" || mode == "D") apply = Apply::DstUri;
    else if (mode == "1" || mode == "r" || mode == "R") apply = Apply::Domain;
    else if (mode != "2" && mode != "x" && mode != "X") return -1;
    if (rules.empty() || rules.find_first_not_of("0123456789=;") != std::string_view::npos) return -1;
    size_t limit = limitArg(call);
    RunState *state = runState(host().raw(), call.run);
    if (!state) return SIPLINE_RC_ERROR;
    state->count = state->current = 0;
    state->selected = 0;
    sipline_rc last = -1;
    bool applied = false;
    std::string_view rest = rules;
    while (!rest.empty()) {
        const size_t semi = rest.find(';');
        const std::string_view rule = rest.substr(0, semi);
        rest.remove_prefix(semi == std::string_view::npos ? rest.size() : semi + 1);
        if (rule.empty()) continue;
        const size_t eq = rule.find('=');
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == rule.size()) return -1;
        sipline_value_t group{SIPLINE_VALUE_STR, 0, 0, sdk::str(rule.substr(0, eq))};
        sipline_value_t alg{SIPLINE_VALUE_STR, 0, 0, sdk::str(rule.substr(eq + 1))};
        const auto setid = integerOf(group), algorithm = integerOf(alg);
        if (!setid || !algorithm) return -1;
        const uint32_t before = state->left();
        const sipline_rc rc = selectCommon(call, applied ? Apply::None : apply, *setid, *algorithm, limit, true);
        if (rc > 0) {
            if (!applied) last = rc;
            applied = true;
            const uint32_t added = state->left() - before;
            if (limit > 0) {
                if (added >= limit) break; // the limit is shared by all groups
                limit -= added;
            }
        } else if (!applied) {
            last = rc;
        }
    }
    return last; // the first success, else the last failure
}

}  // namespace sipline::dispatcher
