// dispatcher.* control commands with Kamailio's names, arguments, results and fault texts;
// a fault's text adds what was wrong after a colon.
#include <nlohmann/json.hpp>

#include "ds_hash.hpp"
#include "dispatcher_instance.hpp"
#include "list_json.hpp"
#include "lookup.hpp"
#include "rpc_params.hpp"

namespace sipline::dispatcher {
namespace {

// Bad arguments are JSON-RPC's "Invalid params", so clients can tell them from a failed
// operation (Kamailio's 500 faults, kept with their texts).
constexpr int32_t kInvalidParams = -32602;
constexpr int32_t kFault = 500;

std::string quoted(std::string_view text) { return nlohmann::json(std::string{text}).dump(); }

std::optional<RpcParams> paramsOrFault(sdk::RpcCall &call) {
    auto params = RpcParams::parse(call.params());
    if (!params) call.fault(kInvalidParams, "Invalid Parameters: params must be a JSON array");
    return params;
}

}  // namespace

void DispatcherPlugin::rpcList(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    ListOptions options;
    options.latency_stats = config_.latency_stats;
    options.call_load = config_.hash_size > 0;
    options.load_of = [this](const Destination &d) { return loadOf(d); };
    if (params->size() > 0) {
        const auto detail = params->text(0);
        if (detail == "short") options.detail = ListDetail::Short;
        else if (detail == "full") options.detail = ListDetail::Full;
        else return call.fault(kInvalidParams, "Invalid Parameters: the only argument is \"short\" or \"full\"");
    }
    const auto current = snapshot();
    if (current->sets.empty()) return call.fault(kFault, "No Destination Sets");
    call.result(listJson(*current, options).dump());
}

void DispatcherPlugin::rpcSetState(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    const auto state_text = params->text(0);
    const auto group = params->integer(1);
    const auto address = params->text(2);
    if (!state_text || !group || !address)
        return call.fault(kInvalidParams, "Invalid Parameters: expected state group address|all");
    const RpcState state = parseRpcState(*state_text);
    if (!state.bits)
        return call.fault(kInvalidParams, std::string{state.fault} + ": '" + *state_text +
                                      "' (a, i, d or t, optionally followed by p; not dp)");
    const auto current = snapshot();
    const DestinationSet *set = *group >= 0 && *group <= INT32_MAX ? current->find(static_cast<int>(*group)) : nullptr;
    if (!set) return call.fault(kFault, "State Update Failed: no set " + std::to_string(*group));
    size_t updated = 0;
    for (const auto &d : set->dests) {
        if (*address != "all" && !sameUri(d->uri, *address)) continue;
        updateState(*d, *state.bits, StateSource::Rpc, thresholds());
        shareState(*d);
        ++updated;
    }
    if (updated == 0) return call.fault(kFault, "State Update Failed: no destination " + *address + " in set " + std::to_string(*group));
    host().info("set " + std::to_string(*group) + " " + *address + ": state set to " + flagLetters(*state.bits) + " by control");
    call.result(quoted("Ok. Dispatcher state updated."));
}

void DispatcherPlugin::rpcSetDuidState(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    const auto state_text = params->text(0);
    const auto group = params->integer(1);
    const auto duid = params->text(2);
    if (!state_text || !group || !duid) return call.fault(kInvalidParams, "Invalid Parameters: expected state group duid");
    const RpcState state = parseRpcState(*state_text);
    if (!state.bits) return call.fault(kInvalidParams, std::string{state.fault} + ": '" + *state_text + "'");
    const auto current = snapshot();
    const DestinationSet *set = *group >= 0 && *group <= INT32_MAX ? current->find(static_cast<int>(*group)) : nullptr;
    size_t updated = 0;
    if (set)
        for (const auto &d : set->dests)
            if (d->attrs.duid == *duid) updateState(*d, *state.bits, StateSource::Rpc, thresholds()), shareState(*d), ++updated;
    if (updated == 0) return call.fault(kFault, "State Update Failed: no duid " + *duid + " in set " + std::to_string(*group));
    call.result(quoted("Ok. Dispatcher state updated."));
}

void DispatcherPlugin::rpcReload(sdk::RpcCall &call) {
    const std::string why = reload();
    if (why == "Ongoing reload") return call.fault(kFault, why);
    if (!why.empty()) return call.fault(kFault, "Reload Failed: " + why);
    call.result(quoted("Ok. Dispatcher successfully reloaded."));
}

void DispatcherPlugin::rpcPingActive(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    const int old_state = ping_active_.load() ? 1 : 0;
    if (params->size() == 0) return call.result(nlohmann::ordered_json{{"OldPingState", old_state}}.dump());
    const auto value = params->integer(0);
    if (!value || (*value != 0 && *value != 1)) return call.fault(kInvalidParams, "Invalid Parameters: 0 or 1");
    ping_active_.store(*value == 1);
    call.result(nlohmann::ordered_json{{"NewPingState", *value}, {"OldPingState", old_state}}.dump());
}

void DispatcherPlugin::rpcAdd(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    const auto group = params->integer(0);
    const auto address = params->text(1);
    if (!group || !address || *group < 0 || *group > INT32_MAX)
        return call.fault(kInvalidParams, "Invalid Parameters: expected group address [flags [priority [attrs]]]");
    ListRow row;
    row.setid = *group;
    row.destination = *address;
    row.flags = static_cast<uint32_t>(params->integer(2).value_or(0));
    row.priority = static_cast<int>(params->integer(3).value_or(0));
    row.attrs = params->text(4).value_or("");
    row.origin = "dispatcher.add";
    std::lock_guard lock{reload_mutex_};
    auto rows = rows_;
    rows.push_back(std::move(row));
    // Whole list rebuilt, states of the existing destinations kept (Kamailio's ds_add_dst).
    if (const std::string why = install(std::move(rows), false); !why.empty())
        return call.fault(kFault, "Adding dispatcher dst failed: " + why);
    call.result(quoted("Ok. Dispatcher destination added."));
}

void DispatcherPlugin::rpcRemove(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    const auto group = params->integer(0);
    const auto address = params->text(1);
    if (!group || !address) return call.fault(kInvalidParams, "Invalid Parameters: expected group address");
    std::lock_guard lock{reload_mutex_};
    auto rows = rows_;
    const auto before = rows.size();
    std::erase_if(rows, [&](const ListRow &r) {
        return r.setid == *group && (r.destination == *address || "sip:" + r.destination == *address);
    });
    if (rows.size() == before) return call.fault(kFault, "Removing dispatcher dst failed: no such destination");
    if (const std::string why = install(std::move(rows), false); !why.empty())
        return call.fault(kFault, "Removing dispatcher dst failed: " + why);
    call.result(quoted("Ok. Dispatcher destination removed."));
}

void DispatcherPlugin::rpcHash(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    const auto slots = params->integer(0);
    const auto first = params->text(1);
    if (!slots || *slots < 0 || !first) return call.fault(kInvalidParams, "Invalid Parameters: expected nslots val1 [val2]");
    const uint32_t hash = kamailioHash(*first, params->text(2).value_or(""));
    const uint32_t slot = *slots == 0 ? 0 : static_cast<uint32_t>(hash % static_cast<uint64_t>(*slots));
    call.result(nlohmann::ordered_json{{"hashid", hash}, {"slot", slot}}.dump());
}

void DispatcherPlugin::rpcOcList(sdk::RpcCall &call) {
    const auto params = paramsOrFault(call);
    if (!params) return;
    const auto group = params->integer(0);
    if (!group) return call.fault(kInvalidParams, "Invalid Parameters: expected group");
    const auto current = snapshot();
    const DestinationSet *set = *group >= 0 && *group <= INT32_MAX ? current->find(static_cast<int>(*group)) : nullptr;
    if (!set) return call.fault(404, "Destination Group Not Found");
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto &d : set->dests) {
        std::lock_guard lock{d->mutex};
        const auto left = d->oc.until - std::chrono::steady_clock::now();
        const auto usec = left.count() > 0 ? std::chrono::duration_cast<std::chrono::microseconds>(left).count() : 0;
        out.push_back({{"group", set->id}, {"uri", d->uri}, {"flags", d->flags.load()}, {"priority", d->priority},
                       {"ocrate", d->oc.rate}, {"ocidx", d->oc.index}, {"ocseq", d->oc.sequence},
                       {"octime_sec", usec / 1000000}, {"octime_usec", usec % 1000000},
                       {"ocmin", d->attrs.ocmin}, {"ocmax", d->attrs.ocmax}});
    }
    call.result(out.dump());
}

}  // namespace sipline::dispatcher
