#include <optional>
#include "core/daemon.hpp"

#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <memory>

#include "config/config.hpp"
#include "control/control_server.hpp"
#include "core/config_reload.hpp"
#include "core/core_methods.hpp"
#include "core/metrics_page.hpp"
#include "control/metrics_server.hpp"
#include "core/local_requests.hpp"
#include "core/stateful_relay.hpp"
#include "core/worker.hpp"
#include "pipeline/compiler.hpp"
#include "util/log.hpp"

namespace sipline::core {
namespace {

std::string pluginDirectory(const DaemonOptions &options, const config::Config &config) {
    if (!options.plugin_dir.empty()) return options.plugin_dir;
    if (!config.core.plugin_dir.empty()) return config.core.plugin_dir;
    return SIPLINE_DEFAULT_PLUGIN_DIR;
}

// Signals are taken by sigwait() on the main thread only: block them everywhere first, so the
// threads started later inherit the mask.
sigset_t blockStopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

control::ControlServerOptions controlOptions(const config::ControlConfig &control) {
    control::ControlServerOptions options{.socket_path = control.socket, .file_mode = control.mode, .group = control.group};
    if (control.listen) {
        options.tcp_listen = boost::asio::ip::tcp::endpoint{control.listen->address, control.listen->port};
        options.tcp_token = control.token;
        options.on_unauthorized = [](const std::string &peer) {
            log::warning("control", "TCP request from ", peer, " refused: missing or wrong token");
        };
    }
    return options;
}

}  // namespace

int runDaemon(const DaemonOptions &options) {
    const sigset_t signals = blockStopSignals();
    config::Config config;
    try {
        config = config::loadConfig(options.config_path);
    } catch (const config::ConfigError &e) {
        log::error("config", "configuration refused:\n", e.what());
        return 1;
    }
    log::Level level;
    if (log::parseLevel(config.core.log_level, level)) log::setLevel(level);

    util::TimerService timers;
    plugins::PluginRegistry registry{plugins::HostEnvironment{config.core.listen, &timers, nullptr, options.config_path}};
    std::unique_ptr<pipeline::Program> program;
    try {
        registry.load(config, pluginDirectory(options, config));
        program = pipeline::compileProgram(config, registry);
    } catch (const config::ConfigError &e) {
        log::error("config", "configuration refused:\n", e.what());
        return 1;
    }
    if (options.check_only) {
        log::info("config", "configuration OK: ", options.config_path);
        return 0;
    }

    transport::ConnectionTable connections{config.core.tcp_max_connections, config.core.tcp_max_connections_per_ip};
    Resolver resolver;
    Runtime runtime;
    // The config shares its document with the copy the reloader keeps; the program moves there.
    // Optional so it can go before the plugins stop: its programs' call sites release their
    // state through the plugins (CallSite::~CallSite) and point at the registry's functions.
    std::optional<ConfigReloader> reloader{std::in_place, options.config_path, config, std::move(program), registry,
                                           runtime};
    runtime.plugins = &registry;
    runtime.listen = config.core.listen;
    runtime.max_message_bytes = config.core.max_message_bytes;
    runtime.overload = config.overload;
    runtime.tcp_limits = transport::TcpLimits{config.core.max_message_bytes, config.core.tcp_idle_timeout_s,
                                              config.core.tcp_message_timeout_s};
    runtime.connections = &connections;
    runtime.resolver = &resolver;
    LocalRequests local_requests{config.core.listen, resolver, timers};
    runtime.local_requests = &local_requests;
    registry.setRequestOrigin(&local_requests);
    StatefulRelay relay{config.relay, timers};
    runtime.relay = &relay;

    std::vector<std::unique_ptr<Worker>> workers;
    control::MethodRegistry methods;
    std::unique_ptr<control::ControlServer> control_server;
    std::unique_ptr<control::MetricsServer> metrics_server;
    try {
        registry.startAll();
        for (unsigned i = 0; i < config.core.workers; ++i) workers.push_back(std::make_unique<Worker>(i, runtime));
        const CoreMethodSources core_sources{&registry,
                                             [&workers] {
                                                 std::vector<const CoreStats *> out;
                                                 for (auto &w : workers) out.push_back(&w->stats());
                                                 return out;
                                             },
                                             &connections, std::chrono::system_clock::now(),
                                             options.config_path,
                                             [&relay] { return relay.transactions(); },
                                             [&reloader] { return reloader->requestAndWait(); }};
        registerCoreMethods(methods, core_sources);
        registry.registerRpcMethods(methods);
        if (config.metrics.listen) {
            const auto &at = *config.metrics.listen;
            metrics_server = std::make_unique<control::MetricsServer>(
                boost::asio::ip::tcp::endpoint{at.address, at.port},
                [sources = core_sources] { return metricsPage(sources); });
            metrics_server->start();
            log::info("metrics", "Prometheus endpoint on http://", at.address.to_string(), ":", at.port, "/metrics");
        }
        if (config.control.enabled) {
            control_server = std::make_unique<control::ControlServer>(methods, controlOptions(config.control));
            control_server->start();
            if (config.control.listen)
                log::info("control", "JSON-RPC over TCP on ", config.control.listen->str(), " (token required)");
        }
    } catch (const std::exception &e) {
        log::error("core", "start-up failed: ", e.what());
        workers.clear();
        reloader.reset();
        registry.shutdown();
        return 1;
    }

    for (auto &w : workers) w->start();
    local_requests.setPost([worker = workers.front().get()](std::function<void(Sender &)> fn) {
        worker->post(std::move(fn));
        return true;
    });
    relay.setPost([worker = workers.front().get()](std::function<void(MessageProcessor &)> fn) {
        worker->post(std::move(fn));
    });
    std::string addresses;
    for (const auto &l : config.core.listen) addresses += (addresses.empty() ? "" : ", ") + l.str();
    log::info("core", "sipline ", SIPLINE_VERSION, " listening on ", addresses, " with ", workers.size(),
              " worker(s); control socket ", config.control.enabled ? config.control.socket : "disabled");

    for (;;) {
        int signal = 0;
        if (sigwait(&signals, &signal) != 0) continue;
        if (signal == SIGHUP) {
            reloader->onSignal();
            continue;
        }
        log::info("core", "signal ", signal, ": stopping");
        break;
    }
    reloader->answerWaiting("the daemon is stopping");
    if (control_server) control_server->stop();
    if (metrics_server) metrics_server->stop();
    local_requests.setPost({}); // plugins stopping below must not reach the workers
    relay.setPost({});
    for (auto &w : workers) w->stop();
    workers.clear();
    local_requests.abandonAll(); // each plugin's callback frees its request's context
    reloader.reset();
    registry.shutdown();
    timers.shutdown();
    log::info("core", "stopped");
    return 0;
}

}  // namespace sipline::core
