// The daemon's life: load and check the config, load plugins, compile the pipeline, open the
// control socket, run the workers until SIGTERM/SIGINT, then stop everything in order.
#pragma once

#include <string>

namespace sipline::core {

struct DaemonOptions {
    std::string config_path;
    std::string plugin_dir;   // --plugin-dir; empty: core.plugin_dir or the built-in default
    bool check_only = false;  // --check-config
};

// Returns the process exit code: 0 clean stop or valid config, 1 refused config or start-up
// failure (the reason is logged), 2 runtime failure.
int runDaemon(const DaemonOptions &options);

}  // namespace sipline::core
