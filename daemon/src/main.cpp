// sipline: the SIP server. Wiring only: command line to DaemonOptions.
#include <cstring>
#include <iostream>
#include <string>

#include <sipline/sdk/abi.h>

#include "core/daemon.hpp"

namespace {

constexpr const char *kUsage =
    "usage: sipline [-c FILE] [--plugin-dir DIR] [--check-config]\n"
    "  -c, --config FILE     the TOML configuration (default " SIPLINE_DEFAULT_CONFIG ")\n"
    "      --plugin-dir DIR  where plugin .so files are (default: core.plugin_dir, else " SIPLINE_DEFAULT_PLUGIN_DIR ")\n"
    "      --check-config    load plugins and validate the configuration, then exit\n"
    "  -V, --version         print the version and exit\n"
    "  -h, --help            print this help and exit\n";

}  // namespace

int main(int argc, char **argv) {
    sipline::core::DaemonOptions options;
    options.config_path = SIPLINE_DEFAULT_CONFIG;
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
    return sipline::core::runDaemon(options);
}
