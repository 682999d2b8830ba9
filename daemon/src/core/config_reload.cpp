#include "core/config_reload.hpp"

#include <algorithm>
#include <csignal>
#include <initializer_list>

#include "pipeline/compiler.hpp"
#include "util/log.hpp"

namespace sipline::core {

namespace {

// toml++ compares tables, arrays and values, not nodes: wrap each in a table to compare.
bool sameNode(const toml::node *a, const toml::node *b) {
    if (!a || !b) return a == b;
    toml::table wrapped_a, wrapped_b;
    a->visit([&](const auto &x) { wrapped_a.insert("v", x); });
    b->visit([&](const auto &x) { wrapped_b.insert("v", x); });
    return wrapped_a == wrapped_b;
}

// The keys of two tables whose values differ (or that only one has), named prefix + key;
// `skip` names keys compared elsewhere.
void changedKeys(const toml::table *old_table, const toml::table *new_table, const std::string &prefix,
                 std::initializer_list<std::string_view> skip, std::vector<std::string> &changed) {
    for (const toml::table *table : {old_table, new_table}) {
        if (!table) continue;
        for (const auto &[key, node] : *table) {
            const std::string_view name = key.str();
            if (std::find(skip.begin(), skip.end(), name) != skip.end()) continue;
            if (table == new_table && old_table && old_table->contains(name)) continue; // compared once
            if (!sameNode(old_table ? old_table->get(name) : nullptr, new_table ? new_table->get(name) : nullptr))
                changed.push_back(prefix + std::string{name});
        }
    }
}

}  // namespace

std::vector<std::string> changedSections(const config::Config &running, const config::Config &next) {
    std::vector<std::string> changed;
    const toml::table &old_doc = *running.document, &new_doc = *next.document;
    changedKeys(&old_doc, &new_doc, "", {"route", "plugins"}, changed);
    changedKeys(old_doc["plugins"].as_table(), new_doc["plugins"].as_table(), "plugins.", {}, changed);
    return changed;
}

ConfigReloader::ConfigReloader(std::string path, config::Config running, std::unique_ptr<pipeline::Program> program,
                               const plugins::PluginRegistry &registry, Runtime &runtime)
    : path_{std::move(path)}, registry_{registry}, runtime_{runtime} {
    generations_.push_back({std::move(running), std::move(program)});
    runtime_.program.store(generations_.back().program.get(), std::memory_order_release);
}

ReloadResult ConfigReloader::reload() {
    Generation next;
    try {
        next.config = config::loadConfig(path_);
        const auto changed = changedSections(generations_.back().config, next.config);
        if (!changed.empty()) {
            std::string names;
            for (const auto &c : changed) names += (names.empty() ? "[" : ", [") + c + "]";
            throw config::ConfigError(path_ + ": " + names + " changed; only routes reload, the rest needs a restart");
        }
        next.program = pipeline::compileProgram(next.config, registry_);
    } catch (const config::ConfigError &e) {
        log::error("config", "reload refused, the running configuration stays:\n", e.what());
        return {false, e.what()};
    }
    const size_t routes = next.program->routes().size();
    generations_.push_back(std::move(next));
    runtime_.program.store(generations_.back().program.get(), std::memory_order_release);
    const std::string message = "reloaded " + path_ + ": " + std::to_string(routes) + " route(s) in effect";
    log::info("config", message);
    return {true, message};
}

ReloadResult ConfigReloader::requestAndWait() {
    std::future<ReloadResult> answer;
    {
        std::lock_guard lock{waiting_mutex_};
        if (!stopping_.empty()) return {false, stopping_};
        waiting_.emplace_back();
        answer = waiting_.back().get_future();
    }
    ::kill(::getpid(), SIGHUP);
    return answer.get();
}

void ConfigReloader::onSignal() {
    std::vector<std::promise<ReloadResult>> waiting;
    {
        std::lock_guard lock{waiting_mutex_};
        waiting.swap(waiting_);
    }
    const ReloadResult result = reload();
    for (auto &w : waiting) w.set_value(result);
}

void ConfigReloader::answerWaiting(const std::string &why) {
    std::lock_guard lock{waiting_mutex_};
    stopping_ = why;
    for (auto &w : waiting_) w.set_value({false, why});
    waiting_.clear();
}

}  // namespace sipline::core
