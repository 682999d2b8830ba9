// sipline: the SIP server. Wiring only: command line to DaemonOptions.
#include <cstring>
#include <iostream>
#include <string>

#include <sipline/sdk/abi.h>

#include "core/daemon.hpp"
#include "plugins/describe.hpp"

namespace {

constexpr const char *kUsage =
    "usage: sipline [-c FILE] [--plugin-dir DIR] [--check-config]\n"
    "  -c, --config FILE     the TOML configuration (default " SIPLINE_DEFAULT_CONFIG ")\n"
    "      --plugin-dir DIR  where plugin .so files are (default: core.plugin_dir, else " SIPLINE_DEFAULT_PLUGIN_DIR ")\n"
    "      --check-config    load plugins and validate the configuration, then exit\n"
    "      --list-plugins    list the plugins in the plugin directory, then exit\n"
    "      --describe-plugin NAME\n"
    "                        print a plugin's parameters, functions, variables and commands\n"
    "  -V, --version         print the version and exit\n"
    "  -h, --help            print this help and exit\n";

}  // namespace

int main(int argc, char **argv) {
    sipline::core::DaemonOptions options;
    options.config_path = SIPLINE_DEFAULT_CONFIG;
    std::string describe; // --list-plugins: "*"; --describe-plugin NAME: NAME
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char *name) -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "sipline: " << name << " needs a value\n" << kUsage;
                std::exit(64);
            }
            return argv[++i];
        };
        if (arg == "-c" || arg == "--config") options.config_path = value("--config");
        else if (arg.rfind("--config=", 0) == 0) options.config_path = arg.substr(9);
        else if (arg == "--plugin-dir") options.plugin_dir = value("--plugin-dir");
        else if (arg == "--check-config") options.check_only = true;
        else if (arg == "--list-plugins") describe = "*";
        else if (arg == "--describe-plugin") describe = value("--describe-plugin");
        else if (arg == "-V" || arg == "--version") {
            std::cout << "sipline " << SIPLINE_VERSION << " (plugin ABI " << SIPLINE_ABI_MAJOR << "." << SIPLINE_ABI_MINOR
                      << ")\n";
            return 0;
        } else if (arg == "-h" || arg == "--help") {
            std::cout << kUsage;
            return 0;
        } else {
            std::cerr << "sipline: unknown argument '" << arg << "'\n" << kUsage;
            return 64;
        }
    }
    if (!describe.empty()) {
        const std::string dir = options.plugin_dir.empty() ? SIPLINE_DEFAULT_PLUGIN_DIR : options.plugin_dir;
        try {
            std::cout << (describe == "*" ? sipline::plugins::listPlugins(dir)
                                          : sipline::plugins::describePlugin(dir, describe));
            return 0;
        } catch (const std::exception &e) {
            std::cerr << "sipline: " << e.what() << "\n";
            return 1;
        }
    }
    return sipline::core::runDaemon(options);
}
