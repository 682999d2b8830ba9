// libFuzzer: arbitrary bytes as a sipline TOML file, through the config loader and the
// pipeline compiler (routes, steps, conditions, templates), with no plugins. Refusing is
// fine; anything else a sanitizer or the fuzzer sees is a finding.
#include <cstdint>
#include <string_view>

#include "config/config.hpp"
#include "config/diagnostics.hpp"
#include "pipeline/compiler.hpp"
#include "plugins/registry.hpp"
#include "util/timer_service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static sipline::util::TimerService timers; // one thread for the whole run
    const std::string_view text{reinterpret_cast<const char *>(data), size};
    try {
        const auto config = sipline::config::parseConfig(text, "fuzz.toml");
        sipline::plugins::PluginRegistry registry{sipline::plugins::HostEnvironment{config.core.listen, &timers, nullptr, {}}};
        registry.load(config, "/nonexistent-plugin-dir");
        sipline::pipeline::compileProgram(config, registry);
    } catch (const sipline::config::ConfigError &) {
        // refused with a reason: what must happen to bad input
    }
    return 0;
}
