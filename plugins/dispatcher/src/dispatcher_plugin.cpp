// dispatcher's declaration tables and its one exported symbol. The logic lives in the other
// files of src/; the instance in dispatcher_instance.cpp.
#include <sipline/sdk.hpp>

#include "dispatcher_instance.hpp"
#include "pvar_entry.hpp"

namespace {

namespace sdk = sipline::sdk;
using sipline::dispatcher::DispatcherPlugin;
using sipline::dispatcher::PvarUse;

template <class T, size_t N> constexpr uint32_t countOf(T (&)[N]) { return N; }

constexpr uint32_t kRequestFailure = SIPLINE_ROUTE_REQUEST | SIPLINE_ROUTE_FAILURE;
constexpr uint32_t kDynamic = SIPLINE_PARAM_DYNAMIC;
constexpr uint32_t kRequired = SIPLINE_PARAM_REQUIRED | SIPLINE_PARAM_DYNAMIC;
constexpr int64_t kMaxSet = 2147483647;

// --- configuration (Kamailio's modparams without the "ds_" prefix)
constexpr sipline_param_t kListFile = sdk::strParam("list_file", "\"dispatcher.list\"",
    "Destination list in Kamailio's format; a relative path is taken from the config file's folder.");
constexpr sipline_param_t kDbUrl = sdk::strParam("db_url", "\"\"",
    "Load from this SQLite database instead of list_file (sqlite:/path.db or a path).");
constexpr sipline_param_t kTableName = sdk::strParam("table_name", "\"dispatcher\"", "Table with the destinations.");
constexpr sipline_param_t kSetidCol = sdk::strParam("setid_col", "\"setid\"", "Column of the set id.");
constexpr sipline_param_t kDestinationCol = sdk::strParam("destination_col", "\"destination\"", "Column of the URI.");
constexpr sipline_param_t kFlagsCol = sdk::strParam("flags_col", "\"flags\"", "Column of the flags.");
constexpr sipline_param_t kPriorityCol = sdk::strParam("priority_col", "\"priority\"", "Column of the priority.");
constexpr sipline_param_t kAttrsCol = sdk::strParam("attrs_col", "\"attrs\"", "Column of the attributes.");
constexpr sipline_param_t kDbExtraAttrs = sdk::strParam("db_extra_attrs", "\"\"",
    "Extra columns appended to attrs: \"aname=colname;...\".");
constexpr sipline_param_t kForceDst = sdk::intParam("force_dst", "1", 0, 1,
    "1: select overwrites a $du already set; 0: select fails when $du is set.");
constexpr sipline_param_t kFlags = sdk::intParam("flags", "0", 0, 3,
    "Bit 1: hash URIs on the user only; bit 2: keep the failover records (next, mark).");
constexpr sipline_param_t kUseDefault = sdk::intParam("use_default", "0", 0, 1,
    "1: the last destination of each set is a fallback only.");
constexpr sipline_param_t kHashMode = sdk::strParam("hash_mode", "\"rendezvous\"",
    "\"rendezvous\": skipped destinations' calls spread evenly, live calls stay; \"kamailio\": ds_get_hash % n exactly.");
constexpr sipline_param_t kHashPvar = sdk::strParam("hash_pvar", "\"\"", "Text with $variables hashed by algorithm 7.");
constexpr sipline_param_t kPingMethod = sdk::strParam("ping_method", "\"OPTIONS\"", "Method of the keepalives.");
constexpr sipline_param_t kPingFrom = sdk::strParam("ping_from", "\"sip:dispatcher@localhost\"", "From URI of the keepalives.");
constexpr sipline_param_t kPingInterval = sdk::jsonParam("ping_interval", "0",
    "Seconds between keepalive rounds (a fraction is allowed); 0: no keepalives.");
constexpr sipline_param_t kPingTimeout = sdk::jsonParam("ping_fr_timeout", "0",
    "Seconds a keepalive waits for its final reply before counting as 408; 0: 32 s (Timer F).");
constexpr sipline_param_t kProbingThreshold = sdk::intParam("probing_threshold", "1", 1, 1000000,
    "Failed keepalives in a row before a destination goes inactive.");
constexpr sipline_param_t kInactiveThreshold = sdk::intParam("inactive_threshold", "1", 1, 1000000,
    "Answered keepalives in a row before an inactive destination is active again.");
constexpr sipline_param_t kPingReplyCodes = sdk::strParam("ping_reply_codes", "\"\"",
    "Keepalive replies that count as alive besides 2xx: \"code=404;class=3\".");
constexpr sipline_param_t kProbingMode = sdk::intParam("probing_mode", "0", 0, 3,
    "0: probe P-flagged; 1: probe all; 2: probe only inactive+probing; 3: P-flagged, keeping P.");
constexpr sipline_param_t kLatencyStats = sdk::intParam("ping_latency_stats", "0", 0, 1,
    "1: measure keepalive round trips (dispatcher.list LATENCY; algorithms 11 with cc=1 and 13).");
constexpr sipline_param_t kRetainLatency = sdk::intParam("retain_latency_stats", "0", 0, 1,
    "1: keep latency statistics of existing destinations across reloads.");
constexpr sipline_param_t kLatencyAlpha = sdk::intParam("latency_estimator_alpha", "100", 1, 999,
    "EWMA weight of a new latency sample, per mille.");
constexpr sipline_param_t kOutboundProxy = sdk::strParam("outbound_proxy", "\"\"",
    "Send keepalives through this SIP URI (attr obproxy overrides).");
constexpr sipline_param_t kShareStates = sdk::strParam("share_states", "\"\"",
    "redis://[:password@]host[:port][/db]: share destination states with every node naming the same Redis.");
constexpr sipline_param_t kHashSize = sdk::intParam("hash_size", "0", 0, 31,
    "Kamailio's call-load table size exponent; > 0 enables algorithm 10.");
constexpr sipline_param_t kHashExpire = sdk::intParam("hash_expire", "7200", 1, 2147483647,
    "Seconds a tracked call counts as load at most.");
constexpr sipline_param_t kHashInitExpire = sdk::intParam("hash_initexpire", "7200", 1, 2147483647,
    "Seconds an unconfirmed (no 2xx) tracked call counts as load.");
constexpr sipline_param_t kHashCheckInterval = sdk::intParam("hash_check_interval", "30", 1, 2147483647,
    "Seconds between sweeps of expired tracked calls.");
constexpr sipline_param_t kTrackCalls = sdk::boolParam("track_calls", "true",
    "Algorithm 10: BYE/CANCEL and failed final replies end a call's load, 2xx confirms it, without script calls.");
constexpr sipline_param_t kLoadMode = sdk::intParam("load_mode", "0", 0, 1,
    "1: a bad destination fails the whole load or reload; 0: it is skipped.");
constexpr sipline_param_t kReloadDelta = sdk::intParam("reload_delta", "0", 0, 86400,
    "Minimum seconds between reloads (others fail \"Ongoing reload\").");
constexpr sipline_param_t kAttrsNone = sdk::intParam("attrs_none", "0", 0, 1,
    "1: destinations without attrs get \"none=yes\".");
constexpr const sipline_param_t *kParams[] = {
    &kListFile, &kDbUrl, &kTableName, &kSetidCol, &kDestinationCol, &kFlagsCol, &kPriorityCol, &kAttrsCol,
    &kDbExtraAttrs, &kForceDst, &kFlags, &kUseDefault, &kHashMode, &kHashPvar, &kPingMethod, &kPingFrom,
    &kPingInterval, &kPingTimeout, &kProbingThreshold, &kInactiveThreshold, &kPingReplyCodes, &kProbingMode,
    &kLatencyStats, &kRetainLatency, &kLatencyAlpha, &kOutboundProxy, &kShareStates, &kHashSize, &kHashExpire,
    &kHashInitExpire, &kHashCheckInterval, &kTrackCalls, &kLoadMode, &kReloadDelta, &kAttrsNone};

// --- function arguments
constexpr sipline_param_t kSetArg = sdk::intParam("set", nullptr, 0, kMaxSet, "Destination set id.", kRequired);
constexpr sipline_param_t kAlgArg = sdk::intParam("alg", nullptr, 1, 0,
    "Algorithm, Kamailio's numbers 0..15 and 64.", kRequired);
constexpr sipline_param_t kLimitArg = sdk::intParam("limit", nullptr, 0, kMaxSet,
    "At most this many records for failover; 0 or absent: all.", kDynamic);
constexpr sipline_param_t kRulesArg = sdk::strParam("rules", nullptr, "\"set=alg;set=alg\", e.g. \"1=4;2=8\".", kRequired);
constexpr sipline_param_t kModeArg = sdk::strParam("mode", nullptr, "0/d: $du; 1/r: R-URI; 2/x: nowhere.", kRequired);
constexpr sipline_param_t kStateArg = sdk::strParam("state", nullptr, "Letters a, i, t, d, p.", kDynamic);
constexpr sipline_param_t kStateReqArg = sdk::strParam("state", nullptr, "Letters a, i, t, d, p.", kRequired);
constexpr sipline_param_t kUriArg = sdk::strParam("uri", nullptr, "Destination URI.", kRequired);
constexpr sipline_param_t kGroupArg = sdk::intParam("set", nullptr, -1, kMaxSet, "Set id; -1: all sets.", kDynamic);
constexpr sipline_param_t kMatchModeArg = sdk::intParam("mode", nullptr, 0, 31,
    "Bits: 1 any port, 2 any transport, 4 selectable only, 8 same socket, 16 best match.", kDynamic);
constexpr sipline_param_t kMatchUriArg = sdk::strParam("uri", nullptr, "Match this URI's address instead of the source.", kDynamic);
constexpr sipline_param_t kActiveUriArg = sdk::strParam("uri", nullptr, "This exact destination URI.", kDynamic);
constexpr sipline_param_t kRateArg = sdk::intParam("rate", nullptr, 0, 100, "Percent of picks that skip it.", kRequired);
constexpr sipline_param_t kTimeArg = sdk::intParam("time", nullptr, 1, 0, "Validity in ms (<= 0: 500).", kRequired);
constexpr sipline_param_t kSeqArg = sdk::intParam("sequence", nullptr, 1, 0, "Must grow with each update.", kRequired);

constexpr const sipline_param_t *kSelectArgs[] = {&kSetArg, &kAlgArg, &kLimitArg};
constexpr const sipline_param_t *kRoutesArgs[] = {&kRulesArg, &kModeArg, &kLimitArg};
constexpr const sipline_param_t *kMarkArgs[] = {&kStateArg};
constexpr const sipline_param_t *kMarkAddrArgs[] = {&kStateReqArg, &kSetArg, &kUriArg};
constexpr const sipline_param_t *kFromListArgs[] = {&kGroupArg, &kMatchModeArg, &kMatchUriArg};
constexpr const sipline_param_t *kSetOnlyArgs[] = {&kSetArg};
constexpr const sipline_param_t *kActiveArgs[] = {&kSetArg, &kActiveUriArg};
constexpr const sipline_param_t *kOcArgs[] = {&kSetArg, &kUriArg, &kRateArg, &kTimeArg, &kSeqArg};

constexpr const char *kSelectAliases[] = {"ds_select_dst", "select_dst"};
constexpr const char *kSelectDomainAliases[] = {"ds_select_domain"};
constexpr const char *kSelectListAliases[] = {"ds_select"};
constexpr const char *kRoutesAliases[] = {"ds_select_routes"};
constexpr const char *kNextAliases[] = {"ds_next_dst", "next_dst"};
constexpr const char *kNextDomainAliases[] = {"ds_next_domain"};
constexpr const char *kSetDstAliases[] = {"ds_set_dst"};
constexpr const char *kSetDomainAliases[] = {"ds_set_domain"};
constexpr const char *kMarkAliases[] = {"ds_mark_dst", "mark_dst"};
constexpr const char *kMarkAddrAliases[] = {"ds_mark_addr"};
constexpr const char *kFromListAliases[] = {"ds_is_from_list"};
constexpr const char *kExistsAliases[] = {"ds_list_exists", "ds_list_exist"};
constexpr const char *kActiveAliases[] = {"ds_is_active"};
constexpr const char *kLoadUpdateAliases[] = {"ds_load_update"};
constexpr const char *kLoadUnsetAliases[] = {"ds_load_unset"};
constexpr const char *kReloadAliases[] = {"ds_reload"};
constexpr const char *kDsgAliases[] = {"ds_dsg_fetch"};
constexpr const char *kOcAliases[] = {"ds_oc_set_attrs"};

template <auto Method, size_t A, size_t N>
constexpr sipline_function_t function(const char *name, const char *doc, const char *returns,
                                      const sipline_param_t *const (&args)[A], uint32_t required, uint32_t routes,
                                      const char *const (&aliases)[N]) {
    return {sizeof(sipline_function_t), name, doc, returns, args, static_cast<uint32_t>(A), required, routes,
            aliases, static_cast<uint32_t>(N), nullptr, sdk::invoke<Method>, nullptr};
}
template <auto Method, size_t N>
constexpr sipline_function_t function0(const char *name, const char *doc, const char *returns, uint32_t routes,
                                       const char *const (&aliases)[N]) {
    return {sizeof(sipline_function_t), name, doc, returns, nullptr, 0, 0, routes,
            aliases, static_cast<uint32_t>(N), nullptr, sdk::invoke<Method>, nullptr};
}

constexpr const char *kSelectReturns =
    "1 selected; 2 algorithm 12 set the first destination only (plugins cannot add branches yet); "
    "-1 unknown set, nothing selectable, hash input missing, or $du set with force_dst = 0";

constexpr sipline_function_t kSelect = function<&DispatcherPlugin::selectDst>(
    "select", "Picks a destination of the set with the algorithm and sets $du to it.", kSelectReturns,
    kSelectArgs, 2, kRequestFailure, kSelectAliases);
constexpr sipline_function_t kSelectDomain = function<&DispatcherPlugin::selectDomain>(
    "select_domain", "Like select, but rewrites the R-URI's host part with the destination.", kSelectReturns,
    kSelectArgs, 2, kRequestFailure, kSelectDomainAliases);
constexpr sipline_function_t kSelectList = function<&DispatcherPlugin::selectOnly>(
    "select_list", "Like select, but only records the destinations (follow with set_dst or next).", kSelectReturns,
    kSelectArgs, 2, SIPLINE_ROUTE_ANY, kSelectListAliases);
constexpr sipline_function_t kSelectRoutes = function<&DispatcherPlugin::selectRoutes>(
    "select_routes", "Selects over several sets in order; the first success is applied as mode says.",
    "the first success's code; else the last failure; -1 bad rules or mode", kRoutesArgs, 2, kRequestFailure,
    kRoutesAliases);
constexpr sipline_function_t kNext = function0<&DispatcherPlugin::nextDst>(
    "next", "Drops the current record and sets $du to the next one.",
    "1 next destination set; -1 none left or failover off (flags bit 2)", kRequestFailure, kNextAliases);
constexpr sipline_function_t kNextDomain = function0<&DispatcherPlugin::nextDomain>(
    "next_domain", "Drops the current record and puts the next one in the R-URI host.",
    "1 next destination set; -1 none left or failover off", kRequestFailure, kNextDomainAliases);
constexpr sipline_function_t kSetDst = function0<&DispatcherPlugin::setDst>(
    "set_dst", "Sets $du to the current record without dropping it.", "1 set; -1 no record or failover off",
    kRequestFailure, kSetDstAliases);
constexpr sipline_function_t kSetDomain = function0<&DispatcherPlugin::setDomain>(
    "set_domain", "Puts the current record in the R-URI host without dropping it.",
    "1 set; -1 no record or failover off", kRequestFailure, kSetDomainAliases);
constexpr sipline_function_t kMark = function<&DispatcherPlugin::markDst>(
    "mark", "Sets the state of the current record's destination (no argument: i, plus p in probing mode 1).",
    "1 marked; -1 no record, unknown destination, bad letters or failover off", kMarkArgs, 0,
    kRequestFailure | SIPLINE_ROUTE_REPLY, kMarkAliases);
constexpr sipline_function_t kMarkAddr = function<&DispatcherPlugin::markAddr>(
    "mark_addr", "Sets the state of the destinations of the set with this URI.",
    "1 marked; -1 unknown set/URI or bad letters", kMarkAddrArgs, 3, SIPLINE_ROUTE_ANY, kMarkAddrAliases);
constexpr sipline_function_t kIsFromList = function<&DispatcherPlugin::isFromList>(
    "is_from_list", "Is the source address (or the URI's) one of the destinations? $dsfrom() tells which.",
    "1 match; -1 none; -2 could not record the match", kFromListArgs, 0, SIPLINE_ROUTE_ANY, kFromListAliases);
constexpr sipline_function_t kListExists = function<&DispatcherPlugin::listExists>(
    "list_exists", "Is the set defined?", "1 yes; -1 no; -2 bad argument", kSetOnlyArgs, 1, SIPLINE_ROUTE_ANY,
    kExistsAliases);
constexpr sipline_function_t kIsActive = function<&DispatcherPlugin::isActive>(
    "is_active", "Does the set have a selectable destination (or is that URI selectable)?", "1 yes; -1 no",
    kActiveArgs, 1, SIPLINE_ROUTE_ANY, kActiveAliases);
constexpr sipline_function_t kLoadUpdate = function0<&DispatcherPlugin::loadUpdate>(
    "load_update", "Algorithm 10 bookkeeping: BYE/CANCEL end the call's load, a 2xx to INVITE confirms it.",
    "1; -1 no Call-ID or CSeq", SIPLINE_ROUTE_ANY, kLoadUpdateAliases);
constexpr sipline_function_t kLoadUnset = function0<&DispatcherPlugin::loadUnset>(
    "load_unset", "Algorithm 10: ends this Call-ID's load (use on failed replies).",
    "1 removed; -1 not tracked or no Call-ID", SIPLINE_ROUTE_ANY, kLoadUnsetAliases);
constexpr sipline_function_t kReload = function0<&DispatcherPlugin::reloadFunction>(
    "reload", "Reloads the list file or table (states come back from it).", "1 reloaded; -1 failed or too soon",
    SIPLINE_ROUTE_ANY, kReloadAliases);
constexpr sipline_function_t kDsgFetch = function<&DispatcherPlugin::dsgFetch>(
    "dsg_fetch", "Chooses the set $dsg() reports on.", "1; -1 bad set", kSetOnlyArgs, 1, SIPLINE_ROUTE_ANY,
    kDsgAliases);
constexpr sipline_function_t kOcSetAttrs = function<&DispatcherPlugin::ocSetAttrs>(
    "oc_set_attrs", "Overload control for algorithm 64 (RFC 7339): skip rate % of picks for time ms.",
    "1 updated; -1 unknown set or bad argument; -2 nothing updated (sequence not newer)", kOcArgs, 5,
    SIPLINE_ROUTE_ANY, kOcAliases);

constexpr const sipline_function_t *kFunctions[] = {
    &kSelect, &kSelectDomain, &kSelectList, &kSelectRoutes, &kNext, &kNextDomain, &kSetDst, &kSetDomain,
    &kMark, &kMarkAddr, &kIsFromList, &kListExists, &kIsActive, &kLoadUpdate, &kLoadUnset, &kReload,
    &kDsgFetch, &kOcSetAttrs};

// --- hooks: call-load bookkeeping for algorithm 10
constexpr sipline_hook_t kRequestHook = {sizeof(sipline_hook_t), SIPLINE_STAGE_PRE_REQUEST, 50,
                                         sdk::hook<&DispatcherPlugin::onRequest>};
constexpr sipline_hook_t kReplyHook = {sizeof(sipline_hook_t), SIPLINE_STAGE_PRE_REPLY, 50,
                                       sdk::hook<&DispatcherPlugin::onReply>};
constexpr const sipline_hook_t *kHooks[] = {&kRequestHook, &kReplyHook};

// --- variables
template <PvarUse::Kind Kind> constexpr sipline_pvar_t pvar(const char *name, const char *doc) {
    return {sizeof(sipline_pvar_t), name, doc, SIPLINE_PVAR_READABLE, sipline::dispatcher::pvarPrepare<Kind>,
            sipline::dispatcher::pvarGet, nullptr, sipline::dispatcher::pvarRelease};
}
constexpr sipline_pvar_t kDsDst = pvar<PvarUse::Kind::Dst>(
    "dsdst", "The current destination record: uri, grp, dstidx, attrs, dstid, socket; count = records left.");
constexpr sipline_pvar_t kDsAttr = pvar<PvarUse::Kind::Attr>("dsattr", "One attribute of the current record.");
constexpr sipline_pvar_t kDsCtx = pvar<PvarUse::Kind::Ctx>("dsctx", "cnt: records made by the last select.");
constexpr sipline_pvar_t kDsg = pvar<PvarUse::Kind::Group>(
    "dsg", "Set stats (dsg_fetch, default set 1): count, active, inactive, pactive, pinactive.");
constexpr sipline_pvar_t kDsFrom = pvar<PvarUse::Kind::From>("dsfrom", "The is_from_list match: setid, attrs, uri.");
constexpr const sipline_pvar_t *kPvars[] = {&kDsDst, &kDsAttr, &kDsCtx, &kDsg, &kDsFrom};

// --- control
constexpr sipline_rpc_method_t rpc(const char *name, const char *doc, const char *params,
                                   void (*handle)(void *, sipline_str_t, sipline_rpc_reply_t *)) {
    return {sizeof(sipline_rpc_method_t), name, doc, params, handle};
}
constexpr sipline_rpc_method_t kList = rpc("list", "Sets and destinations: flags, priority, attrs, latency.",
                                           "[short|full]", sdk::rpc<&DispatcherPlugin::rpcList>);
constexpr sipline_rpc_method_t kSetState = rpc("set_state", "Sets a destination's state: a, i, d, t (+p).",
                                               "state group address|all", sdk::rpc<&DispatcherPlugin::rpcSetState>);
constexpr sipline_rpc_method_t kSetDuidState = rpc("set_duid_state", "Sets the state by duid attribute.",
                                                   "state group duid", sdk::rpc<&DispatcherPlugin::rpcSetDuidState>);
constexpr sipline_rpc_method_t kReloadRpc = rpc("reload", "Reloads the list file or table atomically.", "",
                                                sdk::rpc<&DispatcherPlugin::rpcReload>);
constexpr sipline_rpc_method_t kPingActive = rpc("ping_active", "Reads or sets (0/1) keepalive sending.", "[0|1]",
                                                 sdk::rpc<&DispatcherPlugin::rpcPingActive>);
constexpr sipline_rpc_method_t kAdd = rpc("add", "Adds a destination in memory (lost on reload).",
                                          "group address [flags [priority [attrs]]]", sdk::rpc<&DispatcherPlugin::rpcAdd>);
constexpr sipline_rpc_method_t kRemove = rpc("remove", "Removes a destination in memory.", "group address",
                                             sdk::rpc<&DispatcherPlugin::rpcRemove>);
constexpr sipline_rpc_method_t kHash = rpc("hash", "Kamailio's ds_get_hash of one or two values, and its slot.",
                                           "nslots val1 [val2]", sdk::rpc<&DispatcherPlugin::rpcHash>);
constexpr sipline_rpc_method_t kOcList = rpc("oclist", "Overload control state of a set.", "group",
                                             sdk::rpc<&DispatcherPlugin::rpcOcList>);
constexpr const sipline_rpc_method_t *kRpcMethods[] = {&kList,   &kSetState, &kSetDuidState, &kReloadRpc, &kPingActive,
                                                       &kAdd,    &kRemove,   &kHash,         &kOcList};

constexpr sipline_plugin_t kPlugin = {
    .struct_size = sizeof(sipline_plugin_t),
    .abi = SIPLINE_ABI_VERSION_INIT,
    .name = "dispatcher",
    .version = "1.0.0",
    .summary = "Load balancing over destination sets with keepalive probing (Kamailio's dispatcher module)",
    .params = kParams,
    .param_count = countOf(kParams),
    .functions = kFunctions,
    .function_count = countOf(kFunctions),
    .hooks = kHooks,
    .hook_count = countOf(kHooks),
    .pvars = kPvars,
    .pvar_count = countOf(kPvars),
    .rpc_methods = kRpcMethods,
    .rpc_method_count = countOf(kRpcMethods),
    .create = sdk::create<DispatcherPlugin>,
    .start = sdk::start<DispatcherPlugin>,
    .stop = sdk::stop<DispatcherPlugin>,
    .destroy = sdk::destroy<DispatcherPlugin>,
    .get_interface = nullptr,
    .metrics = sdk::metrics<&DispatcherPlugin::writeMetrics>,
};

}  // namespace

SIPLINE_EXTERN_C SIPLINE_EXPORT const sipline_plugin_t *sipline_plugin_entry(void) { return &kPlugin; }
