// The core's own control methods: core.version, core.uptime, core.plugins, core.stats.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

#include "control/method_registry.hpp"
#include "core/config_reload.hpp"
#include "core/stats.hpp"
#include "plugins/registry.hpp"
#include "transport/connection_table.hpp"

namespace sipline::core {

struct CoreMethodSources {
    const plugins::PluginRegistry *plugins = nullptr;
    std::function<std::vector<const CoreStats *>()> worker_stats;
    const transport::ConnectionTable *connections = nullptr;
    std::chrono::system_clock::time_point started;
    std::string config_path;
    std::function<size_t()> transactions; // live ones in the stateful relay
    std::function<ReloadResult()> reload;  // core.reload: the config's routes, swapped in
};

void registerCoreMethods(control::MethodRegistry &methods, CoreMethodSources sources);

}  // namespace sipline::core
