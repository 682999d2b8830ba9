// The control commands, with Kamailio's names, answers and fault texts: htable.get, delete,
// sets, seti, setex, setxs, setxi, dump, reload, store, flush, listTables, stats.
#include <ctime>
#include <functional>

#include <nlohmann/json.hpp>

#include "htable_instance.hpp"
#include "rpc_params.hpp"

namespace sipline::htable {
namespace {

using nlohmann::ordered_json;

constexpr int32_t kServerError = 500;
constexpr int32_t kNotFound = 404;
constexpr int kFlagStringValue = 2; // Kamailio's AVP_VAL_STR in the "flags" of htable.get

std::string reply(const char *text) { return ordered_json(text).dump(); }

std::string localTime(Seconds when) {
    const std::time_t time = static_cast<std::time_t>(when);
    std::tm parts{};
    localtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
    return text;
}

ordered_json valueJson(const CellValue &value) {
    if (const auto *number = std::get_if<int64_t>(&value)) return *number;
    return std::get<std::string>(value);
}

// Reads the table name (param 0); answers "No such htable" when unknown.
HashTable *tableParam(const TableSet &tables, const RpcParams &params, sdk::RpcCall &call) {
    const auto name = params.text(call, 0, "table");
    if (!name) return nullptr;
    HashTable *table = tables.find(*name);
    if (!table) call.fault(kServerError, "No such htable");
    return table;
}

}  // namespace

void HtablePlugin::rpcGet(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 2, "table key");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    const auto key = table ? params->text(call, 1, "key") : std::nullopt;
    if (!key) return;
    const auto item = table->find(*key, now());
    if (!item) return call.fault(kServerError, "Key name doesn't exist in htable.");
    ordered_json fields = ordered_json::object();
    fields["name"] = item->name;
    fields["value"] = valueJson(item->value);
    fields["flags"] = isInteger(item->value) ? 0 : kFlagStringValue;
    fields["expire"] = item->expire == 0 ? std::string{"NEVER"} : localTime(item->expire);
    call.result(ordered_json{{"item", fields}}.dump());
}

void HtablePlugin::rpcDelete(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 2, "table key");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    const auto key = table ? params->text(call, 1, "key") : std::nullopt;
    if (!key) return;
    if (!table->remove(*key, now())) return call.fault(kNotFound, "Key not found in htable.");
    call.result(reply("Ok. Key deleted."));
}

void HtablePlugin::rpcSets(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 3, "table key value");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    const auto key = table ? params->text(call, 1, "key") : std::nullopt;
    const auto value = key ? params->text(call, 2, "value") : std::nullopt;
    if (!value) return;
    table->set(*key, *value, now());
    call.result(reply("Ok. Key set to new value."));
}

void HtablePlugin::rpcSeti(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 3, "table key value");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    const auto key = table ? params->text(call, 1, "key") : std::nullopt;
    const auto value = key ? params->integer(call, 2, "value") : std::nullopt;
    if (!value) return;
    table->set(*key, *value, now());
    call.result(reply("Ok. Key set to new value."));
}

void HtablePlugin::rpcSetex(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 3, "table key expire");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    const auto key = table ? params->text(call, 1, "key") : std::nullopt;
    const auto lifetime = key ? params->integer(call, 2, "expire") : std::nullopt;
    if (!lifetime) return;
    table->setLifetime(*key, *lifetime, now()); // ignored without autoexpire, as in Kamailio
    call.result(reply("Ok"));
}

void HtablePlugin::rpcSetxs(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 4, "table key value expire");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    const auto key = table ? params->text(call, 1, "key") : std::nullopt;
    const auto value = key ? params->text(call, 2, "value") : std::nullopt;
    const auto lifetime = value ? params->integer(call, 3, "expire") : std::nullopt;
    if (!lifetime) return;
    table->setWithLifetime(*key, *value, *lifetime, now());
    call.result(reply("Ok. Key set to new value."));
}

void HtablePlugin::rpcSetxi(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 4, "table key value expire");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    const auto key = table ? params->text(call, 1, "key") : std::nullopt;
    const auto value = key ? params->integer(call, 2, "value") : std::nullopt;
    const auto lifetime = value ? params->integer(call, 3, "expire") : std::nullopt;
    if (!lifetime) return;
    table->setWithLifetime(*key, *value, *lifetime, now());
    call.result(reply("Ok. Key set to new value."));
}

void HtablePlugin::rpcDump(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 1, "table");
    if (!params) return;
    const HashTable *table = tableParam(*tables_, *params, call);
    if (!table) return;
    ordered_json out = ordered_json::array();
    for (const SlotItems &slot : table->dump()) {
        ordered_json items = ordered_json::array();
        for (const Item &item : slot.items)
            items.push_back(ordered_json{{"name", item.name},
                                         {"value", valueJson(item.value)},
                                         {"type", isInteger(item.value) ? "int" : "str"}});
        out.push_back(ordered_json{{"entry", slot.index}, {"size", slot.items.size()}, {"slot", std::move(items)}});
    }
    call.result(out.dump());
}

// htable.reload and htable.store: one table against the database; a DbError is the fault.
void HtablePlugin::databaseCommand(sdk::RpcCall &call, const char *command, const char *failure, const char *done,
                                   const std::function<void(HashTable &)> &act) {
    const auto params = RpcParams::read(call, 1, "table");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    if (!table) return;
    if (!tables_->hasDatabase()) return call.fault(kServerError, "No htable db_url");
    try {
        act(*table);
    } catch (const DbError &e) {
        host().error(std::string{command} + ": " + e.what());
        return call.fault(kServerError, std::string{failure} + e.what());
    }
    call.result(reply(done));
}

void HtablePlugin::rpcReload(sdk::RpcCall &call) {
    databaseCommand(call, "htable.reload", "Htable reload failed: ", "Ok. Htable reloaded.",
                    [this](HashTable &table) { tables_->reload(table, now()); });
}

void HtablePlugin::rpcStore(sdk::RpcCall &call) {
    databaseCommand(call, "htable.store", "Htable store failed: ", "Ok. Htable successfully stored to DB.",
                    [this](HashTable &table) { tables_->store(table, now()); });
}

void HtablePlugin::rpcFlush(sdk::RpcCall &call) {
    const auto params = RpcParams::read(call, 1, "table");
    if (!params) return;
    HashTable *table = tableParam(*tables_, *params, call);
    if (!table) return;
    table->flush();
    call.result(reply("Ok. Htable flushed."));
}

void HtablePlugin::rpcListTables(sdk::RpcCall &call) {
    if (tables_->inOrder().empty()) return call.fault(kServerError, "No htables");
    ordered_json out = ordered_json::array();
    for (const HashTable *table : tables_->inOrder()) {
        const TableSpec &spec = table->spec();
        const Replicator *replicator = replicatorOf(table);
        ordered_json entry{{"name", spec.name},
                           {"dbtable", spec.dbtable},
                           {"dbmode", spec.dbmode},
                           {"expire", spec.autoexpire},
                           {"updateexpire", spec.updateexpire ? 1 : 0},
                           {"size", spec.slots},
                           {"dmqreplicate", replicator ? 1 : spec.dmqreplicate}};
        // Kamailio's dmqreplicate says whether the table is shared; here also where and how it is.
        if (replicator) {
            entry["replicate"] = replicator->url();
            entry["replication"] = stateName(replicator->state());
            entry["node"] = replicator->nodeId();
        }
        out.push_back(std::move(entry));
    }
    call.result(out.dump());
}

void HtablePlugin::rpcStats(sdk::RpcCall &call) {
    if (tables_->inOrder().empty()) return call.fault(kServerError, "No htables");
    ordered_json out = ordered_json::array();
    for (const HashTable *table : tables_->inOrder()) {
        const SlotStats stats = table->stats();
        ordered_json entry{{"name", table->spec().name},
                           {"slots", stats.slots},
                           {"all", stats.all},
                           {"min", stats.min},
                           {"max", stats.max}};
        if (const Replicator *replicator = replicatorOf(table)) {
            const ReplicationCounters counters = replicator->counters(table);
            entry["replicated"] = ordered_json{{"published", counters.published},
                                               {"applied", counters.applied},
                                               {"echoes", counters.echoes},
                                               {"resyncs", counters.resyncs},
                                               {"dropped", counters.dropped},
                                               {"backlog", replicator->backlog()}};
        }
        out.push_back(std::move(entry));
    }
    call.result(out.dump());
}

}  // namespace sipline::htable
