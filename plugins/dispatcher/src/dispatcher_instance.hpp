// One dispatcher instance: the current snapshot of the sets (swapped whole on reload), the
// call-load table, keepalive probing, and the entry points the plugin tables bind to.
// Threads: workers call the functions, hooks and variables; the control thread the RPC
// methods; the timer thread the keepalive round and the call-load sweep.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <sipline/sdk.hpp>

#include "call_load.hpp"
#include "destination.hpp"
#include "dispatcher_config.hpp"
#include "list_row.hpp"
#include "run_state.hpp"
#include "selection.hpp"
#include "state_sharing.hpp"
#include "state_update.hpp"

namespace sipline::dispatcher {

// What a $ds... variable reads; made once per use in the TOML.
struct PvarUse {
    enum class Kind { Dst, Attr, Ctx, Group, From } kind;
    std::string field;
};

class DispatcherPlugin : public sdk::PluginBase {
public:
    // Reads the configuration and loads the lists: a list that does not load refuses the
    // configuration, as Kamailio's mod_init fails.
    DispatcherPlugin(sdk::Host host, std::string_view config_json);
    // For tests: the folder relative list/database paths are resolved against.
    DispatcherPlugin(sdk::Host host, std::string_view config_json, std::string base_dir);
    ~DispatcherPlugin();

    void start();
    void stop();

    // --- pipeline functions [worker] (function_methods.cpp, failover_methods.cpp, ...)
    sipline_rc selectDst(sdk::Call &call);     // ds_select_dst
    sipline_rc selectDomain(sdk::Call &call);  // ds_select_domain
    sipline_rc selectOnly(sdk::Call &call);    // ds_select
    sipline_rc selectRoutes(sdk::Call &call);  // ds_select_routes
    sipline_rc nextDst(sdk::Call &call);       // ds_next_dst
    sipline_rc nextDomain(sdk::Call &call);    // ds_next_domain
    sipline_rc setDst(sdk::Call &call);        // ds_set_dst
    sipline_rc setDomain(sdk::Call &call);     // ds_set_domain
    sipline_rc markDst(sdk::Call &call);       // ds_mark_dst
    sipline_rc markAddr(sdk::Call &call);      // ds_mark_addr
    sipline_rc isFromList(sdk::Call &call);    // ds_is_from_list
    sipline_rc listExists(sdk::Call &call);    // ds_list_exists
    sipline_rc isActive(sdk::Call &call);      // ds_is_active
    sipline_rc loadUpdate(sdk::Call &call);    // ds_load_update
    sipline_rc loadUnset(sdk::Call &call);     // ds_load_unset
    sipline_rc reloadFunction(sdk::Call &call); // ds_reload
    sipline_rc dsgFetch(sdk::Call &call);      // ds_dsg_fetch
    sipline_rc ocSetAttrs(sdk::Call &call);    // ds_oc_set_attrs

    // --- hooks [worker]: call-load bookkeeping for alg 10 (load_methods.cpp)
    sipline_rc onRequest(sdk::Message msg, sipline_run_t *run);
    sipline_rc onReply(sdk::Message msg, sipline_run_t *run);

    // --- variables [main-thread prepare, worker get] (pvar_methods.cpp)
    PvarUse *preparePvar(PvarUse::Kind kind, std::string_view argument) const;
    sipline_rc getPvar(const PvarUse &use, sipline_msg_t *msg, sipline_run_t *run, sipline_value_t *out) const;

    // --- control [control-thread] (rpc_methods.cpp)
    // [control] For the Prometheus endpoint: state and latency per destination.
    void writeMetrics(sdk::MetricsOut &out);

    void rpcList(sdk::RpcCall &call);
    void rpcSetState(sdk::RpcCall &call);
    void rpcSetDuidState(sdk::RpcCall &call);
    void rpcReload(sdk::RpcCall &call);
    void rpcPingActive(sdk::RpcCall &call);
    void rpcAdd(sdk::RpcCall &call);
    void rpcRemove(sdk::RpcCall &call);
    void rpcHash(sdk::RpcCall &call);
    void rpcOcList(sdk::RpcCall &call);

    // --- keepalives [timer thread] (probing.cpp)
    void pingRound();
    void onPingReply(const std::shared_ptr<Destination> &destination, int status, bool replied,
                     std::chrono::steady_clock::time_point sent);

    // --- state shared by the parts
    std::shared_ptr<const Snapshot> snapshot() const { return snapshot_.load(std::memory_order_acquire); }
    const DispatcherConfig &config() const noexcept { return config_; }
    const CallLoad &callLoad() const noexcept { return call_load_; }
    Thresholds thresholds() const noexcept { return {config_.probing_threshold, config_.inactive_threshold}; }
    // Reload from file/database; "" on success, else why. Honours reload_delta.
    std::string reload();
    // Applies a state from a script function or keepalive and logs up/down changes.
    StateChange applyState(Destination &destination, uint32_t state, StateSource source, std::string_view why);
    // With share_states: hands a destination's new state to the other nodes (never blocks).
    void shareState(const Destination &destination);
    // The sharing, or null without share_states.
    const StateSharing *sharing() const noexcept { return sharing_.get(); }

private:
    enum class Apply { DstUri, Domain, None };
    struct SelectOutcome {
        int rc = -1;
        std::vector<const Destination *> picked;
    };

    std::string loadRows(std::vector<ListRow> &rows) const;
    std::string install(std::vector<ListRow> rows, bool fresh_states);
    sipline_rc selectCommon(sdk::Call &call, Apply apply, int64_t setid, int64_t alg, size_t limit, bool append);
    SelectOutcome pick(sdk::Call &call, const Snapshot &snapshot, int64_t setid, int64_t alg, size_t limit);
    bool applyDestination(sdk::Call &call, Apply apply, std::string_view uri) const;
    sipline_rc moveToNext(sdk::Call &call, Apply apply);
    sipline_rc pushCurrent(sdk::Call &call, Apply apply);
    std::optional<uint32_t> markLetters(const sdk::Call &call, uint32_t index) const;
    int loadOf(const Destination &destination) const;
    void sweepCallLoad();

    DispatcherConfig config_;
    std::string base_dir_;
    std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
    std::mutex reload_mutex_;                // one reload/add/remove at a time
    std::vector<ListRow> rows_;              // what the snapshot was built from (add/remove edit it)
    std::chrono::steady_clock::time_point last_reload_{};
    std::atomic<bool> ping_active_{true};
    CallLoad call_load_;
    sipline_template_t *hash_template_ = nullptr;
    sipline_timer_id ping_timer_ = 0;
    sipline_timer_id load_timer_ = 0;

    // Keepalive callbacks may come after stop(): they hold this gate and do nothing once closed.
    struct ProbeGate {
        std::mutex mutex;
        DispatcherPlugin *plugin = nullptr;
    };
    std::shared_ptr<ProbeGate> probe_gate_;
    // Last member: its thread (which applies states to the snapshot) ends first.
    std::unique_ptr<StateSharing> sharing_;
    void applySharedState(const SharedState &state);
    friend struct PingContext;
};

}  // namespace sipline::dispatcher
