// The loaded plugins and everything they declare, indexed for the pipeline compiler, the
// core's hooks and the control interface. Built at start-up on the main thread; read-only
// while traffic flows.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "plugins/loaded_plugin.hpp"
#include "plugins/request_origin.hpp"
#include "plugins/symbols.hpp"
#include "transport/endpoint.hpp"
#include "util/timer_service.hpp"

namespace sipline::control {
class MethodRegistry;
}

namespace sipline::plugins {

// What the daemon lends plugins beyond the message: its addresses and its timer thread.
struct HostEnvironment {
    std::vector<transport::Endpoint> listen;
    util::TimerService *timers = nullptr;
    RequestOrigin *requests = nullptr; // set once the core can send (before traffic starts)
    std::string config_path;           // the daemon's TOML file, for plugins' relative paths
};

struct BoundHook {
    std::string_view plugin_name;
    void *instance;
    const sipline_hook_t *decl;
};

class PluginRegistry final : public SymbolTable {
public:
    explicit PluginRegistry(HostEnvironment environment);
    ~PluginRegistry() override;
    PluginRegistry(const PluginRegistry &) = delete;
    PluginRegistry &operator=(const PluginRegistry &) = delete;

    // Loads <plugin_dir>/<name>.so for every [plugins.NAME] (or its plugin_file) and creates
    // the instances with their checked parameters. Throws config::ConfigError naming the
    // config file:line, the plugin file and the reason for every refusal.
    void load(const config::Config &config, const std::string &plugin_dir);
    // start() of every plugin, in load order. Throws config::ConfigError on a refusal.
    void startAll();
    // stop() then destroy() of every plugin, in reverse order. Idempotent.
    void shutdown();

    void registerRpcMethods(control::MethodRegistry &methods);

    const BoundFunction *findFunction(std::string_view name) const override;
    const BoundPvar *findPvar(std::string_view name) const override;
    bool hasPlugin(std::string_view name) const override;

    const std::vector<BoundHook> &hooks(sipline_stage stage) const;
    const std::vector<std::unique_ptr<LoadedPlugin>> &plugins() const noexcept { return plugins_; }
    const HostEnvironment &environment() const noexcept { return environment_; }
    void setRequestOrigin(RequestOrigin *requests) noexcept { environment_.requests = requests; }
    // The first plugin interface with this id; nullptr when none offers it.
    const void *findInterface(const char *interface_id) const;

private:
    void index(LoadedPlugin &plugin);
    std::string paramsJson(const config::Config &config, const config::PluginSection &section,
                           const LoadedPlugin &plugin, config::Diagnostics &diag) const;

    HostEnvironment environment_;
    std::vector<std::unique_ptr<LoadedPlugin>> plugins_;
    std::map<std::string, std::unique_ptr<BoundFunction>, std::less<>> functions_;
    std::map<std::string, std::unique_ptr<BoundPvar>, std::less<>> pvars_;
    std::vector<BoundHook> pre_request_hooks_, pre_reply_hooks_, no_hooks_;
};

// Fills a plugin's host table (host_table.cpp).
void initHostTable(LoadedPlugin &plugin);

}  // namespace sipline::plugins
