// Reloading the configuration without a restart (SIGHUP, siplinectl core.reload): the file is
// read and its routes compiled against the running plugins; only when that succeeds is the
// new pipeline swapped in, atomically, for the next message. Plugins are not re-created, so
// their state (htable contents, dispatcher states) survives; a file whose other sections
// changed ([core], [plugins.*], ...) is refused, naming them: those need a restart.
#pragma once

#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/runtime.hpp"
#include "pipeline/program.hpp"
#include "plugins/registry.hpp"

namespace sipline::core {

struct ReloadResult {
    bool ok = false;
    std::string message; // what was loaded, or why the running config stays
};

class ConfigReloader {
public:
    // Owns the running config and program from now on.
    ConfigReloader(std::string path, config::Config running, std::unique_ptr<pipeline::Program> program,
                   const plugins::PluginRegistry &registry, Runtime &runtime);

    // [main thread] Reads, checks and swaps in the file's routes.
    ReloadResult reload();

    // [any thread] Asks the main thread for a reload (it waits for SIGHUP) and waits for it.
    ReloadResult requestAndWait();
    // [main thread] On SIGHUP: reloads and answers every waiting request.
    void onSignal();
    // [main thread] Stopping: requests still waiting are answered that no reload happened.
    void answerWaiting(const std::string &why);

private:
    // A config and the program compiled from it; the program views text in the config.
    struct Generation {
        config::Config config;
        std::unique_ptr<pipeline::Program> program;
    };

    const std::string path_;
    const plugins::PluginRegistry &registry_;
    Runtime &runtime_;
    // Every generation stays alive: transactions still point at the routes they armed, and
    // a message may be halfway through an older program. Reloads are rare and programs small.
    std::vector<Generation> generations_;
    std::mutex waiting_mutex_;
    std::vector<std::promise<ReloadResult>> waiting_;
    std::string stopping_; // why no reload will happen any more, once stopping
};

// The top-level sections other than [route] whose content differs: "core", "plugins.htable"...
std::vector<std::string> changedSections(const config::Config &running, const config::Config &next);

}  // namespace sipline::core
