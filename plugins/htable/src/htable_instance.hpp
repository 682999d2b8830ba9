// One htable instance: its tables, the expiry timer, and the entry points the declaration
// tables in htable_plugin.cpp point at. Their bodies are split by kind: pvar_methods.cpp,
// function_methods.cpp, rpc_methods.cpp; the lifecycle is in htable_instance.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include <sipline/sdk.hpp>

#include "call_state.hpp"
#include "htable_config.hpp"
#include "replicator.hpp"
#include "table_set.hpp"

namespace sipline::htable {

enum class PvarKind { Sht, ShtEx, ShtCn, ShtCv, ShtInc, ShtDec };

class HtablePlugin : public sdk::PluginBase {
public:
    // [main-thread] Parses the tables and loads those with dbtable. Throws sdk::ConfigError
    // for a bad definition and for a database that cannot be read (missing, corrupt, ...).
    HtablePlugin(sdk::Host host, std::string_view config_json);
    ~HtablePlugin();

    // [main-thread] Starts the expiry timer when a table has autoexpire (or reloadat).
    void start();
    // [main-thread] Cancels the timer, then writes dbmode = 1 tables back to the database.
    void stop();

    // --- $sht, $shtex, $shtcn, $shtcv, $shtinc, $shtdec (pvar_methods.cpp)
    // [main-thread] "table=>key" or "table=>expression". Throws sdk::ConfigError.
    CallState *preparePvar(PvarKind kind, std::string_view argument) const;
    // [worker] Strings written to *out live in the run's memory.
    sipline_rc getPvar(PvarKind kind, const CallState &state, sipline_msg_t *msg, sipline_run_t *run,
                       sipline_value_t *out) const;
    sipline_rc setPvar(PvarKind kind, const CallState &state, sipline_msg_t *msg, sipline_run_t *run,
                       const sipline_value_t &value) const;

    // --- script functions (function_methods.cpp). prepare*: [main-thread], may throw
    // sdk::ConfigError; the returned CallState is freed by releaseCallState.
    void *prepareTableKey(const sipline_value_t *args, uint32_t count);     // "t=>key"
    void *prepareTableRegex(const sipline_value_t *args, uint32_t count);   // "t=>regexp"
    void *prepareTableArgs(const sipline_value_t *args, uint32_t count);    // t, then strings
    void *prepareRemoveByName(const sipline_value_t *args, uint32_t count); // t, op, value
    void *prepareRemoveByValue(const sipline_value_t *args, uint32_t count);
    void *prepareMatchName(const sipline_value_t *args, uint32_t count);
    void *prepareMatchValue(const sipline_value_t *args, uint32_t count);
    sipline_rc print(sdk::Call &call);
    sipline_rc remove(sdk::Call &call);
    sipline_rc removeNameRegex(sdk::Call &call);
    sipline_rc removeValueRegex(sdk::Call &call);
    sipline_rc removeMatching(sdk::Call &call); // rm_name, rm_value
    sipline_rc setStringWithExpiry(sdk::Call &call);
    sipline_rc setIntegerWithExpiry(sdk::Call &call);
    sipline_rc reset(sdk::Call &call);
    sipline_rc lockSlot(sdk::Call &call);
    sipline_rc unlockSlot(sdk::Call &call);
    sipline_rc matchAny(sdk::Call &call); // match_name, match_str_value
    sipline_rc isNull(sdk::Call &call);
    sipline_rc increment(sdk::Call &call);
    sipline_rc decrement(sdk::Call &call);

    // --- control commands (rpc_methods.cpp), [control-thread]
    void rpcGet(sdk::RpcCall &call);
    void rpcDelete(sdk::RpcCall &call);
    void rpcSets(sdk::RpcCall &call);
    void rpcSeti(sdk::RpcCall &call);
    void rpcSetex(sdk::RpcCall &call);
    void rpcSetxs(sdk::RpcCall &call);
    void rpcSetxi(sdk::RpcCall &call);
    void rpcDump(sdk::RpcCall &call);
    void rpcReload(sdk::RpcCall &call);
    void rpcStore(sdk::RpcCall &call);
    void rpcFlush(sdk::RpcCall &call);
    void rpcListTables(sdk::RpcCall &call);
    void rpcStats(sdk::RpcCall &call);

    // [control] For the Prometheus endpoint: items and slots per table.
    void writeMetrics(sdk::MetricsOut &out);

    // [timer] One expiry sweep (and due reloadat reloads); public for tests.
    void housekeeping();

    const TableSet &tables() const noexcept { return *tables_; }
    // The replicator of a table with `replicate`, or null.
    const Replicator *replicatorOf(const HashTable *table) const noexcept;
    // Tests replace the clock (seconds since the epoch) before any traffic.
    void setClock(std::function<Seconds()> clock) { clock_ = std::move(clock); }
    Seconds now() const { return clock_(); }

private:
    CallState *newTableState(const sipline_value_t *args, uint32_t count, bool key_in_first);
    HashTable *tableFor(const CallState &state, sipline_msg_t *msg, sipline_run_t *run) const;
    std::optional<Matcher> matcherFor(const CallState &state, size_t op_index, MatchOn on, OperatorSet set,
                                      sipline_msg_t *msg, sipline_run_t *run) const;
    void *prepareOperator(const sipline_value_t *args, uint32_t count, MatchOn on, OperatorSet set);
    sipline_rc addAndReport(sdk::Call &call, int64_t delta);
    void writeBack();
    void databaseCommand(sdk::RpcCall &call, const char *command, const char *failure, const char *done,
                         const std::function<void(HashTable &)> &act);

    HtableConfig config_;
    std::function<Seconds()> clock_;
    std::unique_ptr<TableSet> tables_;
    // One per Redis server named by `replicate`; destroyed before the tables they attach to.
    std::vector<std::unique_ptr<Replicator>> replicators_;
    sipline_timer_id timer_ = 0;
};

// [main-thread] For sipline_function_t::release and sipline_pvar_t::release.
void releaseCallState(void *instance, void *state) noexcept;

}  // namespace sipline::htable
