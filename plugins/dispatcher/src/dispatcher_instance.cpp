#include "dispatcher_instance.hpp"

#include "config_path.hpp"
#include "flags.hpp"
#include "lookup.hpp"
#include "list_file.hpp"
#include "snapshot_builder.hpp"
#include "sqlite_source.hpp"

namespace sipline::dispatcher {
namespace {

constexpr std::chrono::seconds kMinimumSweep{1};

void timerTrampoline(void *data, void (DispatcherPlugin::*method)()) noexcept {
    try {
        (static_cast<DispatcherPlugin *>(data)->*method)();
    } catch (const std::exception &e) {
        static_cast<DispatcherPlugin *>(data)->host().error(std::string{"timer: "} + e.what());
    } catch (...) {
        static_cast<DispatcherPlugin *>(data)->host().error("timer: unknown exception");
    }
}

}  // namespace

DispatcherPlugin::DispatcherPlugin(sdk::Host host, std::string_view config_json)
    : DispatcherPlugin{host, config_json, configDirectoryOf(host.configPath())} {}

DispatcherPlugin::DispatcherPlugin(sdk::Host host, std::string_view config_json, std::string base_dir)
    : PluginBase{host}, config_{parseConfig(config_json)}, base_dir_{std::move(base_dir)},
      call_load_{config_.hash_expire, config_.hash_init_expire}, probe_gate_{std::make_shared<ProbeGate>()} {
    std::vector<ListRow> rows;
    if (std::string why = loadRows(rows); !why.empty()) throw sdk::ConfigError{"dispatcher: " + why};
    if (std::string why = install(std::move(rows), true); !why.empty()) throw sdk::ConfigError{"dispatcher: " + why};
    last_reload_ = std::chrono::steady_clock::now();
    probe_gate_->plugin = this;
    if (!config_.share_states.empty()) {
        const sdk::Host log = this->host();
        sharing_ = std::make_unique<StateSharing>(
            config_.share_states,
            StateSharingHooks{[this](const SharedState &state) { applySharedState(state); },
                              [log](const std::string &text) { log.info(text); },
                              [log](const std::string &text) { log.warning(text); }});
    }
}

DispatcherPlugin::~DispatcherPlugin() {
    stop();
    if (hash_template_ && SIPLINE_HOST_HAS(host().raw(), template_release))
        host().raw()->template_release(host().raw(), hash_template_);
}

std::string DispatcherPlugin::loadRows(std::vector<ListRow> &rows) const {
    if (!config_.db_url.empty()) {
        const std::string path = resolveAgainst(base_dir_, sqlitePathOf(config_.db_url));
        TableLoad load = loadSqliteTable(path, config_.columns);
        if (!load.error.empty()) return load.error;
        rows = std::move(load.rows);
        return {};
    }
    ListParse parse = readListFile(resolveAgainst(base_dir_, config_.list_file));
    if (!parse.error.empty()) return parse.error;
    rows = std::move(parse.rows);
    return {};
}

std::string DispatcherPlugin::install(std::vector<ListRow> rows, bool fresh_states) {
    const BuildOptions options{config_.load_mode_abort, config_.attrs_none};
    BuildResult built = buildSnapshot(rows, options, resolveHost);
    if (!built.error.empty()) return built.error;
    for (const std::string &warning : built.warnings) host().warning(warning);
    const auto previous = snapshot();
    if (previous) carryStates(*previous, *built.snapshot, fresh_states, !fresh_states || config_.retain_latency_stats);
    size_t destinations = 0;
    for (const auto &[id, set] : built.snapshot->sets) destinations += set->dests.size();
    built.snapshot->source = config_.db_url.empty() ? config_.list_file : config_.db_url;
    snapshot_.store(std::shared_ptr<const Snapshot>{std::move(built.snapshot)}, std::memory_order_release);
    rows_ = std::move(rows);
    host().info("loaded " + std::to_string(destinations) + " destination(s) from " +
                (config_.db_url.empty() ? resolveAgainst(base_dir_, config_.list_file) : config_.db_url));
    return {};
}

std::string DispatcherPlugin::reload() {
    std::lock_guard lock{reload_mutex_};
    const auto now = std::chrono::steady_clock::now();
    if (config_.reload_delta.count() > 0 && now - last_reload_ < config_.reload_delta) return "Ongoing reload";
    last_reload_ = now;
    std::vector<ListRow> rows;
    if (std::string why = loadRows(rows); !why.empty()) {
        host().error("reload failed, keeping the current lists: " + why);
        return why;
    }
    // Kamailio: a reload brings the states back from the file or table.
    if (std::string why = install(std::move(rows), true); !why.empty()) {
        host().error("reload failed, keeping the current lists: " + why);
        return why;
    }
    return {};
}

void DispatcherPlugin::start() {
    const sipline_host_t *h = host().raw();
    if (sharing_) sharing_->start();
    if (!config_.hash_pvar.empty()) {
        if (!SIPLINE_HOST_HAS(h, template_compile)) throw std::runtime_error{"hash_pvar needs template support"};
        std::string why;
        const sipline_diag_t diag{sizeof(sipline_diag_t), &why, [](const sipline_diag_t *d, sipline_str_t text) {
                                      static_cast<std::string *>(d->context)->assign(text.data, text.len);
                                  }};
        if (h->template_compile(h, sdk::str(config_.hash_pvar), &hash_template_, &diag) != SIPLINE_OK)
            throw std::runtime_error{"hash_pvar \"" + config_.hash_pvar + "\": " + why};
    }
    if (config_.ping_interval.count() > 0) {
        if (!SIPLINE_HOST_HAS(h, send_request) || !SIPLINE_HOST_HAS(h, timer_start))
            throw std::runtime_error{"ping_interval needs a daemon that sends requests for plugins"};
        ping_timer_ = h->timer_start(h, static_cast<uint32_t>(config_.ping_interval.count()),
                                     [](void *self) { timerTrampoline(self, &DispatcherPlugin::pingRound); }, this);
        if (ping_timer_ == 0) throw std::runtime_error{"cannot start the keepalive timer"};
    }
    if (config_.hash_size > 0 && SIPLINE_HOST_HAS(h, timer_start)) {
        const auto every = std::max(config_.hash_check_interval, kMinimumSweep);
        load_timer_ = h->timer_start(h, static_cast<uint32_t>(std::chrono::milliseconds{every}.count()),
                                     [](void *self) { timerTrampoline(self, &DispatcherPlugin::sweepCallLoad); }, this);
    }
}

void DispatcherPlugin::stop() {
    const sipline_host_t *h = host().raw();
    if (ping_timer_) h->timer_cancel(h, ping_timer_);
    if (load_timer_) h->timer_cancel(h, load_timer_);
    ping_timer_ = load_timer_ = 0;
    if (sharing_) sharing_->stop();
    std::lock_guard lock{probe_gate_->mutex};
    probe_gate_->plugin = nullptr;
}

StateChange DispatcherPlugin::applyState(Destination &d, uint32_t state, StateSource source, std::string_view why) {
    const StateChange change = updateState(d, state, source, thresholds());
    if ((change.before ^ change.after) & kStateBits) shareState(d);
    if (change.wentDown() || change.wentUp()) {
        host().log(change.wentDown() ? SIPLINE_LOG_WARNING : SIPLINE_LOG_INFO,
                   "destination " + d.uri + " of set " + std::to_string(d.setid) + " is " +
                       (change.wentDown() ? "down" : "up") + " (" + flagLetters(change.before) + " -> " +
                       flagLetters(change.after) + "): " + std::string{why});
    }
    return change;
}

void DispatcherPlugin::shareState(const Destination &d) {
    if (sharing_) sharing_->publish({d.setid, d.uri, d.flags.load(std::memory_order_acquire) & kStateBits});
}

// A state from the shared copy (another node's, or this node's own coming back): written as
// it is, without the thresholds (the node that probed applied them) and without touching the
// local probe count.
void DispatcherPlugin::applySharedState(const SharedState &state) {
    const auto current = snapshot();
    const DestinationSet *set = current->find(state.setid);
    if (!set) return;
    for (const auto &d : set->dests) {
        if (!sameUri(d->uri, state.uri)) continue;
        StateChange change;
        {
            std::lock_guard lock{d->mutex};
            change.before = d->flags.load(std::memory_order_acquire);
            change.after = (change.before & ~kStateBits) | (state.bits & kStateBits);
            d->flags.store(change.after, std::memory_order_release);
        }
        if (change.wentDown() || change.wentUp())
            host().log(change.wentDown() ? SIPLINE_LOG_WARNING : SIPLINE_LOG_INFO,
                       "destination " + d->uri + " of set " + std::to_string(d->setid) + " is " +
                           (change.wentDown() ? "down" : "up") + " (" + flagLetters(change.before) + " -> " +
                           flagLetters(change.after) + "): shared by another node");
    }
}

int DispatcherPlugin::loadOf(const Destination &d) const {
    return call_load_.load(d.setid, d.attrs.duid.empty() ? d.uri : d.attrs.duid);
}

void DispatcherPlugin::sweepCallLoad() {
    if (const size_t dropped = call_load_.expire(); dropped > 0)
        host().debug("call load: " + std::to_string(dropped) + " expired call(s) dropped");
}

}  // namespace sipline::dispatcher
