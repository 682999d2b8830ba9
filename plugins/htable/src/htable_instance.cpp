#include "htable_instance.hpp"

#include <ctime>
#include <map>

namespace sipline::htable {
namespace {

Seconds wallClock() { return static_cast<Seconds>(std::time(nullptr)); }

void onTimer(void *instance) noexcept {
    auto *self = static_cast<HtablePlugin *>(instance);
    try {
        self->housekeeping();
    } catch (const std::exception &e) {
        self->host().error(std::string{"expiry sweep failed: "} + e.what());
    } catch (...) {
        self->host().error("expiry sweep failed");
    }
}

std::unique_ptr<TableSet> loadTables(const HtableConfig &config, Seconds now) {
    try {
        return std::make_unique<TableSet>(config, now);
    } catch (const DbError &e) {
        throw sdk::ConfigError{std::string{"htable: cannot load the tables from the database: "} + e.what()};
    }
}

// Tables naming the same Redis server share one replicator (one thread, two connections).
std::vector<std::unique_ptr<Replicator>> makeReplicators(const TableSet &tables, const sdk::Host &host,
                                                         const std::function<Seconds()> &clock) {
    std::map<std::string, std::vector<HashTable *>> by_url;
    for (HashTable *table : tables.inOrder())
        if (!table->spec().replicate.empty()) by_url[table->spec().replicate].push_back(table);
    ReplicationLog log{[host](const std::string &text) { host.info(text); },
                       [host](const std::string &text) { host.warning(text); },
                       [host](const std::string &text) { host.error(text); }};
    std::vector<std::unique_ptr<Replicator>> out;
    for (auto &[url, members] : by_url) out.push_back(std::make_unique<Replicator>(url, members, log, clock));
    return out;
}

}  // namespace

HtablePlugin::HtablePlugin(sdk::Host host, std::string_view config_json)
    : PluginBase{host},
      config_{htableConfigFromJson(config_json)},
      clock_{wallClock},
      tables_{loadTables(config_, clock_())},
      replicators_{makeReplicators(*tables_, this->host(), [this] { return now(); })} {
    for (const HashTable *table : tables_->inOrder()) {
        const TableSpec &spec = table->spec();
        if (spec.dbmode == 1 && !spec.cols.empty())
            this->host().warning("table \"" + spec.name + "\": dbmode = 1 is ignored for cols tables (no write-back)");
        this->host().debug("table " + kamailioForm(spec) + " with " + std::to_string(table->countAll()) + " item(s)");
    }
}

HtablePlugin::~HtablePlugin() {
    if (timer_ != 0) host().raw()->timer_cancel(host().raw(), timer_);
}

void HtablePlugin::start() {
    for (auto &replicator : replicators_) replicator->start();
    if (!tables_->anyExpires()) return;
    const sipline_host_t *raw = host().raw();
    timer_ = raw->timer_start(raw, static_cast<uint32_t>(config_.timer_interval) * 1000u, onTimer, this);
    if (timer_ == 0) throw std::runtime_error{"htable: cannot start the expiry timer"};
}

void HtablePlugin::stop() {
    if (timer_ != 0) host().raw()->timer_cancel(host().raw(), timer_);
    timer_ = 0;
    for (auto &replicator : replicators_) replicator->stop();
    writeBack();
}

const Replicator *HtablePlugin::replicatorOf(const HashTable *table) const noexcept {
    for (const auto &replicator : replicators_)
        if (replicator->replicates(table)) return replicator.get();
    return nullptr;
}

void HtablePlugin::housekeeping() {
    std::string errors;
    const size_t purged = tables_->housekeeping(now(), &errors);
    if (purged > 0) host().debug("purged " + std::to_string(purged) + " expired item(s)");
    if (!errors.empty()) host().error(errors);
}

// Kamailio's destroy(): dbmode = 1 tables replace their rows with the current items.
void HtablePlugin::writeBack() {
    for (const HashTable *table : tables_->inOrder()) {
        const TableSpec &spec = table->spec();
        if (spec.dbmode != 1 || spec.dbtable.empty() || !spec.cols.empty()) continue;
        try {
            tables_->store(*table, now());
            host().info("table \"" + spec.name + "\" written back to " + spec.dbtable);
        } catch (const DbError &e) {
            host().error("table \"" + spec.name + "\": write-back failed, the database keeps its previous rows: " +
                         e.what());
        }
    }
}

void releaseCallState(void *, void *state) noexcept { delete static_cast<CallState *>(state); }

}  // namespace sipline::htable
