// A config parsed from text with its plugins loaded through the real loader, for tests of the
// loader, the pipeline compiler and pipeline runs.
#pragma once

#include <memory>
#include <string>

#include "config/config.hpp"
#include "core/runtime.hpp"
#include "pipeline/compiler.hpp"
#include "plugins/registry.hpp"

namespace sipline::test {

inline std::string withCore(const std::string &rest) {
    return "[core]\nlisten = [\"udp:127.0.0.1:5060\"]\n" + rest;
}

struct Loaded {
    config::Config config;
    util::TimerService timers;
    std::unique_ptr<plugins::PluginRegistry> registry;
    std::unique_ptr<pipeline::Program> program;
};

// Loads the plugins of `toml` from the in-tree plugin directory (plugin_file paths are relative
// to it). Throws config::ConfigError like the daemon would refuse.
inline std::unique_ptr<Loaded> load(const std::string &toml, bool compile = true) {
    auto loaded = std::make_unique<Loaded>();
    loaded->config = config::parseConfig(toml, "test.toml");
    loaded->registry = std::make_unique<plugins::PluginRegistry>(
        plugins::HostEnvironment{loaded->config.core.listen, &loaded->timers, nullptr, loaded->config.path});
    loaded->registry->load(loaded->config, SIPLINE_TEST_PLUGIN_DIR);
    if (compile) loaded->program = pipeline::compileProgram(loaded->config, *loaded->registry);
    return loaded;
}

// Points a worker's runtime at a loaded config (its program, plugins and listen addresses) and
// at the resolver, as the daemon does at start; tests add the relay or other parts they need.
inline void wireRuntime(core::Runtime &runtime, const Loaded &loaded, core::Resolver &resolver) {
    runtime.program = loaded.program.get();
    runtime.plugins = loaded.registry.get();
    runtime.listen = loaded.config.core.listen;
    runtime.resolver = &resolver;
}

// The error text of a refused config, "" when it was accepted.
inline std::string refusal(const std::string &toml) {
    try {
        load(toml);
    } catch (const config::ConfigError &e) {
        return e.what();
    }
    return "";
}

}  // namespace sipline::test
