// One plugin: its library, its declaration, its own copy of the host table, its instance.
#pragma once

#include <string>

#include <boost/dll/shared_library.hpp>
#include <sipline/sdk/host.h>
#include <sipline/sdk/plugin.h>

#include "config/diagnostics.hpp"

namespace sipline::plugins {

class PluginRegistry;

struct LoadedPlugin {
    // Declared first so it is destroyed last: the declaration and code live in the library.
    boost::dll::shared_library library;
    std::string path;
    std::string name;
    config::SourceLocation where; // the [plugins.NAME] section
    const sipline_plugin_t *decl = nullptr;
    sipline_host_t host{};        // host_data points back to this record
    PluginRegistry *registry = nullptr;
    void *instance = nullptr;
    bool started = false;
};

// Loads a plugin file and checks it against this daemon's ABI. Throws std::runtime_error with
// "<path>: <reason>" for every refusal (missing file, not loadable, no entry symbol, NULL
// descriptor, other ABI major, newer minor, malformed declarations).
void loadPluginFile(LoadedPlugin &plugin);

}  // namespace sipline::plugins
