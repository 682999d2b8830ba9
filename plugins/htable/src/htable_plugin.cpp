// htable's declaration tables and its one exported symbol. The tables are in hash_table.cpp,
// the instance in htable_instance.cpp, and its entry points in pvar_methods.cpp,
// function_methods.cpp and rpc_methods.cpp.
#include <sipline/sdk.hpp>

#include "htable_instance.hpp"
#include "pvar_entry.hpp"

namespace {

namespace sdk = sipline::sdk;
using sipline::htable::HtablePlugin;
using sipline::htable::PvarKind;

// ---- parameters -----------------------------------------------------------------------------

constexpr sipline_param_t kTablesParam = sdk::jsonParam(
    "tables", "[]",
    "The tables: an array of { name = \"t\", size = 8, autoexpire = 300, updateexpire = 1, initval = 0, "
    "dbtable = \"htable\", dbmode = 1, cols = \"key,c1,c2\", coldelim = \",\", colnull = \"*\", reloadat = 0, "
    "replicate = \"redis://127.0.0.1:6379/0\" } or of Kamailio strings \"t=>size=8;autoexpire=300\". replicate "
    "shares the table with every node naming the same Redis server.");
constexpr sipline_param_t kDbUrlParam = sdk::strParam(
    "db_url", "\"\"", "Database of the dbtable tables: sqlite:/path/file.db (the file must exist) or postgresql://user@host/db.");
constexpr sipline_param_t kKeyNameColumn = sdk::strParam("key_name_column", "\"key_name\"", "Column of the key.");
constexpr sipline_param_t kKeyTypeColumn =
    sdk::strParam("key_type_column", "\"key_type\"", "Column of the key type: 0 plain, 1 array.");
constexpr sipline_param_t kValueTypeColumn =
    sdk::strParam("value_type_column", "\"value_type\"", "Column of the value type: 0 string, 1 integer.");
constexpr sipline_param_t kKeyValueColumn = sdk::strParam("key_value_column", "\"key_value\"", "Column of the value.");
constexpr sipline_param_t kExpiresColumn =
    sdk::strParam("expires_column", "\"expires\"", "Column of the absolute expiry time (epoch seconds).");
constexpr sipline_param_t kArraySuffixParam = sdk::strParam(
    "array_size_suffix", "\"::size\"", "Suffix of the key that holds the length of an array loaded from the database.");
constexpr sipline_param_t kTimerIntervalParam =
    sdk::intParam("timer_interval", "20", 1, 86400, "Seconds between two sweeps of expired items.");
constexpr sipline_param_t kDbExpiresParam = sdk::intParam(
    "db_expires", "0", 0, 1, "1: load and save the expires column (tables with autoexpire only).");
constexpr const sipline_param_t *kParams[] = {&kTablesParam,     &kDbUrlParam,       &kKeyNameColumn,
                                              &kKeyTypeColumn,   &kValueTypeColumn,  &kKeyValueColumn,
                                              &kExpiresColumn,   &kArraySuffixParam, &kTimerIntervalParam,
                                              &kDbExpiresParam};

// ---- function arguments ---------------------------------------------------------------------
// Strings are declared constant: htable evaluates their $variables itself, so that a '$' that
// starts no variable (the end anchor of a regular expression) stays a literal '$'.

constexpr sipline_param_t kTableKeyArg =
    sdk::strParam("table_key", nullptr, "\"table=>key\"; the key may hold $variables.", SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kTableRegexArg = sdk::strParam(
    "table_regexp", nullptr, "\"table=>regexp\" (POSIX extended, case-insensitive); may hold $variables.",
    SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kTableArg =
    sdk::strParam("table", nullptr, "Table name; may hold $variables.", SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kKeyArg = sdk::strParam("key", nullptr, "Key; may hold $variables.", SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kRemoveOpArg = sdk::strParam(
    "op", nullptr, "re (regexp), sw (starts with), ew (ends with) or in (contains).", SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kMatchOpArg = sdk::strParam(
    "op", nullptr, "eq, ne, re (regexp) or sw (starts with).", SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kOperandArg =
    sdk::strParam("value", nullptr, "What to match; may hold $variables.", SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kStringValueArg =
    sdk::strParam("value", nullptr, "String value; may hold $variables.", SIPLINE_PARAM_REQUIRED);
constexpr sipline_param_t kIntegerValueArg = sdk::intParam(
    "value", nullptr, 1, 0, "Integer value.", SIPLINE_PARAM_REQUIRED | SIPLINE_PARAM_DYNAMIC);
constexpr sipline_param_t kExpireArg = sdk::intParam(
    "expire", nullptr, 1, 0, "Lifetime in seconds (tables with autoexpire only).",
    SIPLINE_PARAM_REQUIRED | SIPLINE_PARAM_DYNAMIC);

constexpr const sipline_param_t *kTableKeyArgs[] = {&kTableKeyArg};
constexpr const sipline_param_t *kTableRegexArgs[] = {&kTableRegexArg};
constexpr const sipline_param_t *kTableArgs[] = {&kTableArg};
constexpr const sipline_param_t *kTableAndKeyArgs[] = {&kTableArg, &kKeyArg};
constexpr const sipline_param_t *kRemoveOpArgs[] = {&kTableArg, &kRemoveOpArg, &kOperandArg};
constexpr const sipline_param_t *kMatchOpArgs[] = {&kTableArg, &kMatchOpArg, &kOperandArg};
constexpr const sipline_param_t *kSetxsArgs[] = {&kTableArg, &kKeyArg, &kStringValueArg, &kExpireArg};
constexpr const sipline_param_t *kSetxiArgs[] = {&kTableArg, &kKeyArg, &kIntegerValueArg, &kExpireArg};

using Prepare = decltype(sipline_function_t::prepare);
using Invoke = decltype(sipline_function_t::invoke);

template <size_t ArgCount, size_t AliasCount>
constexpr sipline_function_t function(const char *name, const char *doc, const char *returns,
                                      const sipline_param_t *const (&args)[ArgCount],
                                      const char *const (&aliases)[AliasCount], Prepare prepare, Invoke invoke) {
    return {sizeof(sipline_function_t), name,         doc,     returns, args, ArgCount, ArgCount, SIPLINE_ROUTE_ANY,
            aliases,                    AliasCount,   prepare, invoke,  sipline::htable::releaseCallState};
}

constexpr const sipline_param_t *kNoArgs[1] = {nullptr};

constexpr const char *kPrintAliases[] = {"sht_print"};
constexpr const char *kRmAliases[] = {"sht_rm"};
constexpr const char *kRmNameReAliases[] = {"sht_rm_name_re"};
constexpr const char *kRmValueReAliases[] = {"sht_rm_value_re"};
constexpr const char *kRmNameAliases[] = {"sht_rm_name"};
constexpr const char *kRmValueAliases[] = {"sht_rm_value"};
constexpr const char *kSetxsAliases[] = {"sht_setxs"};
constexpr const char *kSetxiAliases[] = {"sht_setxi"};
constexpr const char *kResetAliases[] = {"sht_reset"};
constexpr const char *kLockAliases[] = {"sht_lock"};
constexpr const char *kUnlockAliases[] = {"sht_unlock"};
constexpr const char *kMatchNameAliases[] = {"sht_match_name", "sht_has_name"};
constexpr const char *kMatchValueAliases[] = {"sht_match_str_value", "sht_has_str_value"};
constexpr const char *kIsNullAliases[] = {"sht_is_null"};
constexpr const char *kIncAliases[] = {"sht_inc"};
constexpr const char *kDecAliases[] = {"sht_dec"};

constexpr sipline_function_t kPrint = {
    sizeof(sipline_function_t), "print", "Logs every table and item at error level.", "1", kNoArgs, 0, 0,
    SIPLINE_ROUTE_ANY, kPrintAliases, 1, nullptr, sdk::invoke<&HtablePlugin::print>, nullptr};
constexpr sipline_function_t kRm = function(
    "rm", "Deletes one item (as assigning $null to $sht(table=>key)).", "1; -1 unknown table",
    kTableAndKeyArgs, kRmAliases, sdk::prepare<&HtablePlugin::prepareTableArgs>, sdk::invoke<&HtablePlugin::remove>);
constexpr sipline_function_t kRmNameRe = function(
    "rm_name_re", "Deletes the items whose name matches the regexp.", "1; -1 bad regexp", kTableRegexArgs,
    kRmNameReAliases, sdk::prepare<&HtablePlugin::prepareTableRegex>, sdk::invoke<&HtablePlugin::removeNameRegex>);
constexpr sipline_function_t kRmValueRe = function(
    "rm_value_re", "Deletes the items whose string value matches the regexp.", "1; -1 bad regexp",
    kTableRegexArgs, kRmValueReAliases, sdk::prepare<&HtablePlugin::prepareTableRegex>,
    sdk::invoke<&HtablePlugin::removeValueRegex>);
constexpr sipline_function_t kRmName = function(
    "rm_name", "Deletes the items whose name matches: op re, sw, ew or in.", "1; -1 unknown table, bad op or empty value",
    kRemoveOpArgs, kRmNameAliases, sdk::prepare<&HtablePlugin::prepareRemoveByName>,
    sdk::invoke<&HtablePlugin::removeMatching>);
constexpr sipline_function_t kRmValue = function(
    "rm_value", "Deletes the items whose string value matches: op re, sw, ew or in.",
    "1; -1 unknown table, bad op or empty value", kRemoveOpArgs, kRmValueAliases,
    sdk::prepare<&HtablePlugin::prepareRemoveByValue>, sdk::invoke<&HtablePlugin::removeMatching>);
constexpr sipline_function_t kSetxs = function(
    "setxs", "Sets a string value that expires after `expire` seconds.", "1; -1 unknown table", kSetxsArgs,
    kSetxsAliases, sdk::prepare<&HtablePlugin::prepareTableArgs>, sdk::invoke<&HtablePlugin::setStringWithExpiry>);
constexpr sipline_function_t kSetxi = function(
    "setxi", "Sets an integer value that expires after `expire` seconds.", "1; -1 unknown table", kSetxiArgs,
    kSetxiAliases, sdk::prepare<&HtablePlugin::prepareTableArgs>, sdk::invoke<&HtablePlugin::setIntegerWithExpiry>);
constexpr sipline_function_t kReset = function(
    "reset", "Deletes every item of the table.", "1; -1 unknown table", kTableArgs, kResetAliases,
    sdk::prepare<&HtablePlugin::prepareTableArgs>, sdk::invoke<&HtablePlugin::reset>);
constexpr sipline_function_t kLock = function(
    "lock", "Locks the slot of the key until htable.unlock (re-entrant per worker).", "1", kTableKeyArgs,
    kLockAliases, sdk::prepare<&HtablePlugin::prepareTableKey>, sdk::invoke<&HtablePlugin::lockSlot>);
constexpr sipline_function_t kUnlock = function(
    "unlock", "Unlocks the slot of the key.", "1; -1 the slot is not locked by this worker", kTableKeyArgs,
    kUnlockAliases, sdk::prepare<&HtablePlugin::prepareTableKey>, sdk::invoke<&HtablePlugin::unlockSlot>);
constexpr sipline_function_t kMatchName = function(
    "match_name", "Whether an item's name matches: op eq, ne, re or sw.", "1 found; -1 not found; -2 error",
    kMatchOpArgs, kMatchNameAliases, sdk::prepare<&HtablePlugin::prepareMatchName>,
    sdk::invoke<&HtablePlugin::matchAny>);
constexpr sipline_function_t kMatchValue = function(
    "match_str_value", "Whether an item's string value matches: op eq, ne, re or sw.",
    "1 found; -1 not found; -2 error", kMatchOpArgs, kMatchValueAliases,
    sdk::prepare<&HtablePlugin::prepareMatchValue>, sdk::invoke<&HtablePlugin::matchAny>);
constexpr sipline_function_t kIsNull = function(
    "is_null", "Whether the item is absent.", "1 absent; -1 present; -2 the table has initval; 2 unknown table",
    kTableAndKeyArgs, kIsNullAliases, sdk::prepare<&HtablePlugin::prepareTableArgs>,
    sdk::invoke<&HtablePlugin::isNull>);
constexpr sipline_function_t kInc = function(
    "inc", "Adds 1 atomically (creates the item from initval when the table has one).",
    "1; -1 missing item without initval, string value or unknown table", kTableAndKeyArgs, kIncAliases,
    sdk::prepare<&HtablePlugin::prepareTableArgs>, sdk::invoke<&HtablePlugin::increment>);
constexpr sipline_function_t kDec = function(
    "dec", "Subtracts 1 atomically (creates the item from initval when the table has one).",
    "1; -1 missing item without initval, string value or unknown table", kTableAndKeyArgs, kDecAliases,
    sdk::prepare<&HtablePlugin::prepareTableArgs>, sdk::invoke<&HtablePlugin::decrement>);

constexpr const sipline_function_t *kFunctions[] = {&kPrint, &kRm,     &kRmNameRe,  &kRmValueRe, &kRmName,
                                                    &kRmValue, &kSetxs, &kSetxi,    &kReset,     &kLock,
                                                    &kUnlock, &kMatchName, &kMatchValue, &kIsNull, &kInc, &kDec};

// ---- pseudo-variables -----------------------------------------------------------------------

template <PvarKind Kind>
constexpr sipline_pvar_t pvar(const char *name, const char *doc, bool writable) {
    using namespace sipline::htable;
    return {sizeof(sipline_pvar_t),
            name,
            doc,
            static_cast<uint32_t>(SIPLINE_PVAR_READABLE) | (writable ? static_cast<uint32_t>(SIPLINE_PVAR_WRITABLE) : 0u),
            pvarPrepare<Kind>,
            pvarGet<Kind>,
            writable ? pvarSet<Kind> : nullptr,
            releaseCallState};
}

constexpr sipline_pvar_t kSht = pvar<PvarKind::Sht>(
    "sht", "$sht(table=>key): the item (initval or $null when missing); assign to set, $null to delete.", true);
constexpr sipline_pvar_t kShtEx = pvar<PvarKind::ShtEx>(
    "shtex", "$shtex(table=>key): seconds left (0 missing or no autoexpire, -1 never); assign N to expire in N s.",
    true);
constexpr sipline_pvar_t kShtCn = pvar<PvarKind::ShtCn>(
    "shtcn", "$shtcn(table=>~~re | ~%end | %~start | ==name | **): number of items whose name matches.", false);
constexpr sipline_pvar_t kShtCv = pvar<PvarKind::ShtCv>(
    "shtcv", "$shtcv(table=>~~re | ~%end | %~start | ==value | eqN | **): number of items whose value matches.",
    false);
constexpr sipline_pvar_t kShtInc = pvar<PvarKind::ShtInc>(
    "shtinc", "$shtinc(table=>key): adds 1 atomically and reads the new value.", false);
constexpr sipline_pvar_t kShtDec = pvar<PvarKind::ShtDec>(
    "shtdec", "$shtdec(table=>key): subtracts 1 atomically and reads the new value.", false);
constexpr const sipline_pvar_t *kPvars[] = {&kSht, &kShtEx, &kShtCn, &kShtCv, &kShtInc, &kShtDec};

// ---- control commands -----------------------------------------------------------------------

using Handle = decltype(sipline_rpc_method_t::handle);

constexpr sipline_rpc_method_t rpc(const char *name, const char *doc, const char *params, Handle handle) {
    return {sizeof(sipline_rpc_method_t), name, doc, params, handle};
}

constexpr sipline_rpc_method_t kGet = rpc("get", "One item: {item: {name, value, flags, expire}}.", "table key",
                                          sdk::rpc<&HtablePlugin::rpcGet>);
constexpr sipline_rpc_method_t kDelete =
    rpc("delete", "Deletes one item.", "table key", sdk::rpc<&HtablePlugin::rpcDelete>);
constexpr sipline_rpc_method_t kSets =
    rpc("sets", "Sets a string value.", "table key value", sdk::rpc<&HtablePlugin::rpcSets>);
constexpr sipline_rpc_method_t kSeti =
    rpc("seti", "Sets an integer value.", "table key value", sdk::rpc<&HtablePlugin::rpcSeti>);
constexpr sipline_rpc_method_t kSetex =
    rpc("setex", "Sets the expiry of an item in seconds.", "table key expire", sdk::rpc<&HtablePlugin::rpcSetex>);
constexpr sipline_rpc_method_t kRpcSetxs = rpc("setxs", "Sets a string value and its expiry.", "table key value expire",
                                            sdk::rpc<&HtablePlugin::rpcSetxs>);
constexpr sipline_rpc_method_t kRpcSetxi = rpc("setxi", "Sets an integer value and its expiry.",
                                            "table key value expire", sdk::rpc<&HtablePlugin::rpcSetxi>);
constexpr sipline_rpc_method_t kDump = rpc("dump", "The non-empty slots: [{entry, size, slot: [{name, value, type}]}].",
                                           "table", sdk::rpc<&HtablePlugin::rpcDump>);
constexpr sipline_rpc_method_t kReload = rpc("reload", "Reloads the table from its dbtable, all at once.", "table",
                                             sdk::rpc<&HtablePlugin::rpcReload>);
constexpr sipline_rpc_method_t kStore = rpc("store", "Replaces the dbtable rows with the current items.", "table",
                                            sdk::rpc<&HtablePlugin::rpcStore>);
constexpr sipline_rpc_method_t kFlush =
    rpc("flush", "Deletes every item of the table.", "table", sdk::rpc<&HtablePlugin::rpcFlush>);
constexpr sipline_rpc_method_t kListTables =
    rpc("listTables", "[{name, dbtable, dbmode, expire, updateexpire, size, dmqreplicate}] (+ replicate, replication, node).", "",
        sdk::rpc<&HtablePlugin::rpcListTables>);
constexpr sipline_rpc_method_t kStats = rpc("stats", "Items per slot: [{name, slots, all, min, max}] (+ replicated counters).", "",
                                            sdk::rpc<&HtablePlugin::rpcStats>);
constexpr const sipline_rpc_method_t *kRpcMethods[] = {&kGet,   &kDelete, &kSets,  &kSeti,  &kSetex,
                                                       &kRpcSetxs, &kRpcSetxi, &kDump,  &kReload, &kStore,
                                                       &kFlush, &kListTables, &kStats};

template <class T, size_t N> constexpr uint32_t countOf(const T (&)[N]) { return static_cast<uint32_t>(N); }

constexpr sipline_plugin_t kPlugin = {
    .struct_size = sizeof(sipline_plugin_t),
    .abi = SIPLINE_ABI_VERSION_INIT,
    .name = "htable",
    .version = "1.0.0",
    .summary = "Shared hash tables with expiry and database load/store (Kamailio's htable module)",
    .params = kParams,
    .param_count = countOf(kParams),
    .functions = kFunctions,
    .function_count = countOf(kFunctions),
    .hooks = nullptr,
    .hook_count = 0,
    .pvars = kPvars,
    .pvar_count = countOf(kPvars),
    .rpc_methods = kRpcMethods,
    .rpc_method_count = countOf(kRpcMethods),
    .create = sdk::create<HtablePlugin>,
    .start = sdk::start<HtablePlugin>,
    .stop = sdk::stop<HtablePlugin>,
    .destroy = sdk::destroy<HtablePlugin>,
    .get_interface = nullptr,
    .metrics = sdk::metrics<&HtablePlugin::writeMetrics>,
};

}  // namespace

SIPLINE_EXTERN_C SIPLINE_EXPORT const sipline_plugin_t *sipline_plugin_entry(void) { return &kPlugin; }
