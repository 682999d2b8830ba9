#include "plugins/registry.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "config/toml_json.hpp"
#include "control/method_registry.hpp"
#include "control/rpc_fault.hpp"
#include "plugins/diag_collector.hpp"
#include "plugins/rpc_reply.hpp"
#include "util/log.hpp"

namespace sipline::plugins {
namespace {

constexpr std::string_view kPluginFileKey = "plugin_file";

std::string knownParams(const sipline_plugin_t &d) {
    std::string out;
    for (uint32_t i = 0; i < d.param_count; ++i) out += (out.empty() ? "" : ", ") + std::string{d.params[i]->name};
    return out.empty() ? "none" : out;
}

// Where a plugin's refusal points: the line of the parameter its reason names first as
// "key:" (plugins write "name: key: why"), else the [plugins.NAME] line.
config::SourceLocation refusalLocation(const config::Config &config, const config::PluginSection &section,
                                       const std::string &reason) {
    auto isWordChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    size_t best = std::string::npos;
    config::SourceLocation where = section.where;
    for (const auto &[key, node] : *section.params) {
        const std::string name{key.str()};
        for (size_t at = reason.find(name); at != std::string::npos; at = reason.find(name, at + 1)) {
            const bool whole = (at == 0 || !isWordChar(reason[at - 1])) && at + name.size() < reason.size() &&
                               reason[at + name.size()] == ':';
            if (!whole) continue;
            if (at < best) {
                best = at;
                where = config.locate(node);
            }
            break;
        }
    }
    return where;
}

}  // namespace

PluginRegistry::PluginRegistry(HostEnvironment environment) : environment_{std::move(environment)} {}

PluginRegistry::~PluginRegistry() { shutdown(); }

void PluginRegistry::load(const config::Config &config, const std::string &plugin_dir) {
    config::Diagnostics diag;
    std::vector<const config::PluginSection *> sections;
    for (const auto &s : config.plugins) sections.push_back(&s);
    std::sort(sections.begin(), sections.end(), [](auto *a, auto *b) { return a->where.line < b->where.line; });

    for (const config::PluginSection *section : sections) {
        auto plugin = std::make_unique<LoadedPlugin>();
        plugin->name = section->name;
        plugin->where = section->where;
        plugin->registry = this;
        plugin->path = plugin_dir + "/" + section->name + ".so";
        if (const toml::node *file = section->params->get(kPluginFileKey)) {
            if (!file->is_string()) {
                diag.error(config.locate(*file), "plugin_file must be a path string");
                continue;
            }
            std::filesystem::path path{file->as_string()->get()};
            plugin->path = path.is_absolute() ? path.string() : (std::filesystem::path{plugin_dir} / path).string();
        }
        try {
            loadPluginFile(*plugin);
        } catch (const std::exception &e) {
            diag.error(section->where, std::string{"plugin '"} + section->name + "': " + e.what());
            continue;
        }
        const std::string declared = plugin->decl->name;
        if (hasPlugin(declared)) {
            const auto &other = *std::find_if(plugins_.begin(), plugins_.end(), [&](auto &p) { return p->name == declared; });
            diag.error(section->where, plugin->path + ": plugin '" + declared + "' is already loaded from " + other->path);
            continue;
        }
        if (declared != section->name) {
            diag.error(section->where, plugin->path + ": declares plugin '" + declared +
                                           "' but is configured as [plugins." + section->name + "]");
            continue;
        }
        const std::string params = paramsJson(config, *section, *plugin, diag);
        initHostTable(*plugin);
        if (!diag.ok()) {
            plugins_.push_back(std::move(plugin)); // keep the name known for later sections
            continue;
        }
        DiagCollector refusal;
        if (plugin->decl->create(&plugin->host, sipline_str_t{params.data(), params.size()}, &plugin->instance,
                                 refusal.get()) != SIPLINE_OK || !plugin->instance) {
            const std::string reason = refusal.empty() ? std::string{"no reason given"} : refusal.text();
            diag.error(refusalLocation(config, *section, reason),
                       "plugin '" + declared + "' refused its configuration: " + reason);
            plugin->instance = nullptr;
            continue;
        }
        index(*plugin);
        log::info("core", "loaded plugin ", declared, " ", plugin->decl->version ? plugin->decl->version : "?",
                  " from ", plugin->path);
        plugins_.push_back(std::move(plugin));
    }
    if (!diag.ok()) {
        shutdown();
        throw config::ConfigError{diag};
    }
}

std::string PluginRegistry::paramsJson(const config::Config &config, const config::PluginSection &section,
                                       const LoadedPlugin &plugin, config::Diagnostics &diag) const {
    const sipline_plugin_t &d = *plugin.decl;
    nlohmann::json out = nlohmann::json::object();
    for (const auto &[key, node] : *section.params) {
        if (key.str() == kPluginFileKey) continue;
        const sipline_param_t *param = nullptr;
        for (uint32_t i = 0; i < d.param_count; ++i)
            if (key.str() == d.params[i]->name) param = d.params[i];
        const std::string label = "plugins." + section.name + "." + std::string{key.str()};
        if (!param) {
            diag.error(config.locate(node), "unknown parameter '" + std::string{key.str()} + "' for plugin '" +
                                                section.name + "' (known: " + knownParams(d) + ")");
            continue;
        }
        switch (param->type) {
        case SIPLINE_PARAM_INT: {
            auto v = node.value<int64_t>();
            if (!node.is_integer() || !v) diag.error(config.locate(node), label + " must be an integer");
            else if (param->min <= param->max && (*v < param->min || *v > param->max))
                diag.error(config.locate(node), label + " must be in " + std::to_string(param->min) + ".." +
                                                    std::to_string(param->max) + ", got " + std::to_string(*v));
            else out[param->name] = *v;
            break;
        }
        case SIPLINE_PARAM_STR:
            if (!node.is_string()) diag.error(config.locate(node), label + " must be a string");
            else out[param->name] = node.as_string()->get();
            break;
        case SIPLINE_PARAM_BOOL:
            if (!node.is_boolean()) diag.error(config.locate(node), label + " must be true or false");
            else out[param->name] = node.as_boolean()->get();
            break;
        default: out[param->name] = config::tomlToJson(node); break;
        }
    }
    for (uint32_t i = 0; i < d.param_count; ++i) {
        const sipline_param_t &param = *d.params[i];
        if (out.contains(param.name)) continue;
        if (param.flags & SIPLINE_PARAM_REQUIRED) {
            diag.error(section.where, "plugins." + section.name + "." + param.name + " is required");
            continue;
        }
        if (param.default_json) {
            auto def = nlohmann::json::parse(param.default_json, nullptr, false);
            if (def.is_discarded())
                diag.error(section.where, plugin.path + ": the default of parameter '" + param.name + "' is not JSON");
            else out[param.name] = def;
        }
    }
    return out.dump();
}

void PluginRegistry::index(LoadedPlugin &plugin) {
    const sipline_plugin_t &d = *plugin.decl;
    for (uint32_t i = 0; i < d.function_count; ++i) {
        const sipline_function_t *f = d.functions[i];
        auto bind = [&](const char *name) {
            auto bound = std::make_unique<BoundFunction>();
            bound->full_name = plugin.name + "." + name;
            bound->plugin_name = plugin.name;
            bound->instance = plugin.instance;
            bound->decl = f;
            functions_[bound->full_name] = std::move(bound);
        };
        bind(f->name);
        for (uint32_t a = 0; a < f->alias_count; ++a)
            if (f->aliases && f->aliases[a]) bind(f->aliases[a]);
    }
    for (uint32_t i = 0; i < d.pvar_count; ++i)
        pvars_[d.pvars[i]->name] = std::make_unique<BoundPvar>(BoundPvar{plugin.name, plugin.instance, d.pvars[i]});
    for (uint32_t i = 0; i < d.hook_count; ++i) {
        const sipline_hook_t *h = d.hooks[i];
        auto &list = h->stage == SIPLINE_STAGE_PRE_REQUEST ? pre_request_hooks_ : pre_reply_hooks_;
        list.push_back(BoundHook{plugin.name, plugin.instance, h});
        std::stable_sort(list.begin(), list.end(), [](const BoundHook &a, const BoundHook &b) {
            return a.decl->order != b.decl->order ? a.decl->order < b.decl->order : a.plugin_name < b.plugin_name;
        });
    }
}

void PluginRegistry::startAll() {
    config::Diagnostics diag;
    for (auto &plugin : plugins_) {
        if (!plugin->instance) continue;
        DiagCollector refusal;
        if (plugin->decl->start && plugin->decl->start(plugin->instance, refusal.get()) != SIPLINE_OK) {
            diag.error(plugin->where, "plugin '" + plugin->name + "' failed to start: " +
                                          (refusal.empty() ? std::string{"no reason given"} : refusal.text()));
            break;
        }
        plugin->started = true;
    }
    // The caller shuts the plugins down: first it destroys the programs, whose call sites
    // release their state through the plugins and point at this registry's functions.
    if (!diag.ok()) throw config::ConfigError{diag};
}

void PluginRegistry::shutdown() {
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) {
        LoadedPlugin &plugin = **it;
        if (plugin.started && plugin.decl->stop) plugin.decl->stop(plugin.instance);
        plugin.started = false;
    }
    for (auto it = plugins_.rbegin(); it != plugins_.rend(); ++it) {
        LoadedPlugin &plugin = **it;
        if (plugin.instance) plugin.decl->destroy(plugin.instance);
        plugin.instance = nullptr;
    }
    functions_.clear();
    pvars_.clear();
    pre_request_hooks_.clear();
    pre_reply_hooks_.clear();
}

void PluginRegistry::registerRpcMethods(control::MethodRegistry &methods) {
    for (auto &plugin : plugins_) {
        const sipline_plugin_t &d = *plugin->decl;
        for (uint32_t i = 0; i < d.rpc_method_count; ++i) {
            const sipline_rpc_method_t *m = d.rpc_methods[i];
            void *instance = plugin->instance;
            std::string help = m->doc ? m->doc : "";
            if (m->params_doc && *m->params_doc) help = std::string{"params: "} + m->params_doc + ". " + help;
            methods.add(plugin->name + "." + m->name, help, [m, instance](const nlohmann::json &params) {
                const std::string text = params.is_null() ? "[]" : params.dump();
                sipline_rpc_reply reply;
                m->handle(instance, sipline_str_t{text.data(), text.size()}, &reply);
                return reply.take();
            });
        }
    }
}

const BoundFunction *PluginRegistry::findFunction(std::string_view name) const {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : it->second.get();
}

const BoundPvar *PluginRegistry::findPvar(std::string_view name) const {
    auto it = pvars_.find(name);
    return it == pvars_.end() ? nullptr : it->second.get();
}

bool PluginRegistry::hasPlugin(std::string_view name) const {
    return std::any_of(plugins_.begin(), plugins_.end(), [&](auto &p) { return p->name == name; });
}

const std::vector<BoundHook> &PluginRegistry::hooks(sipline_stage stage) const {
    if (stage == SIPLINE_STAGE_PRE_REQUEST) return pre_request_hooks_;
    if (stage == SIPLINE_STAGE_PRE_REPLY) return pre_reply_hooks_;
    return no_hooks_;
}

const void *PluginRegistry::findInterface(const char *interface_id) const {
    for (const auto &plugin : plugins_) {
        if (!plugin->instance || !plugin->decl->get_interface) continue;
        if (const void *api = plugin->decl->get_interface(plugin->instance, interface_id)) return api;
    }
    return nullptr;
}

}  // namespace sipline::plugins
