#include "plugins/describe.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "plugins/loaded_plugin.hpp"

namespace sipline::plugins {
namespace {

std::string text(const char *s) { return s ? s : ""; }

// A table cell: pipes would end the cell, line ends the row.
std::string cell(const char *s) {
    std::string out = text(s);
    for (size_t at = 0; (at = out.find_first_of("|\n", at)) != std::string::npos; at += 2)
        out.replace(at, 1, out[at] == '|' ? "\\|" : " ");
    return out;
}

const char *typeName(sipline_param_type type) {
    switch (type) {
    case SIPLINE_PARAM_INT: return "int";
    case SIPLINE_PARAM_STR: return "string";
    case SIPLINE_PARAM_BOOL: return "bool";
    case SIPLINE_PARAM_JSON: return "any";
    default: return "?";
    }
}

std::string routeNames(uint32_t routes) {
    if ((routes & SIPLINE_ROUTE_ANY) == SIPLINE_ROUTE_ANY) return "any";
    static const std::pair<uint32_t, const char *> kNames[] = {{SIPLINE_ROUTE_REQUEST, "request"},
                                                               {SIPLINE_ROUTE_REPLY, "reply"},
                                                               {SIPLINE_ROUTE_FAILURE, "failure"},
                                                               {SIPLINE_ROUTE_BRANCH, "branch"},
                                                               {SIPLINE_ROUTE_EVENT, "event"}};
    std::string out;
    for (const auto &[bit, name] : kNames)
        if (routes & bit) out += (out.empty() ? "" : ", ") + std::string{name};
    return out;
}

std::string bounds(const sipline_param_t &p) {
    if (p.type != SIPLINE_PARAM_INT || p.min > p.max) return "";
    return std::to_string(p.min) + " to " + std::to_string(p.max);
}

std::string signature(const sipline_plugin_t &d, const sipline_function_t &f) {
    std::string out = text(d.name) + "." + text(f.name) + "(";
    for (uint32_t i = 0; i < f.arg_count; ++i) {
        if (i) out += ", ";
        if (i == f.required_arg_count) out += "[";
        out += text(f.args[i]->name);
    }
    if (f.arg_count > f.required_arg_count) out += "]";
    return out + ")";
}

void describeParams(std::ostringstream &out, const sipline_plugin_t &d) {
    out << "\n## Parameters (`[plugins." << d.name << "]`)\n\n";
    if (!d.param_count) {
        out << "None.\n";
        return;
    }
    out << "| Name | Type | Default | Range | Meaning |\n|---|---|---|---|---|\n";
    for (uint32_t i = 0; i < d.param_count; ++i) {
        const sipline_param_t &p = *d.params[i];
        const std::string fallback = (p.flags & SIPLINE_PARAM_REQUIRED) ? "required" : "none";
        out << "| `" << p.name << "` | " << typeName(p.type) << " | "
            << (p.default_json ? "`" + cell(p.default_json) + "`" : fallback) << " | " << bounds(p) << " | "
            << cell(p.doc) << " |\n";
    }
}

void describeFunctions(std::ostringstream &out, const sipline_plugin_t &d) {
    out << "\n## Functions\n";
    if (!d.function_count) out << "\nNone.\n";
    for (uint32_t i = 0; i < d.function_count; ++i) {
        const sipline_function_t &f = *d.functions[i];
        out << "\n### `" << signature(d, f) << "`\n\n" << text(f.doc) << "\n\n";
        out << "- Routes: " << routeNames(f.routes) << "\n";
        if (f.returns_doc) out << "- Returns: " << f.returns_doc << "\n";
        if (f.alias_count) {
            out << "- Also called:";
            for (uint32_t a = 0; a < f.alias_count; ++a) out << (a ? ", `" : " `") << d.name << "." << f.aliases[a] << "`";
            out << "\n";
        }
        for (uint32_t a = 0; a < f.arg_count; ++a) {
            const sipline_param_t &p = *f.args[a];
            out << "- `" << p.name << "` (" << typeName(p.type)
                << ((p.flags & SIPLINE_PARAM_DYNAMIC) ? ", may hold $variables" : "")
                << (a >= f.required_arg_count ? ", optional" : "") << "): " << text(p.doc) << "\n";
        }
    }
}

void describePvarsAndRpc(std::ostringstream &out, const sipline_plugin_t &d) {
    if (d.pvar_count) {
        out << "\n## Pseudo-variables\n\n| Name | Access | Meaning |\n|---|---|---|\n";
        for (uint32_t i = 0; i < d.pvar_count; ++i) {
            const sipline_pvar_t &v = *d.pvars[i];
            const bool writable = (v.flags & SIPLINE_PVAR_WRITABLE) && v.set;
            out << "| `$" << v.name << "(...)` | " << (writable ? "read, write" : "read") << " | " << cell(v.doc)
                << " |\n";
        }
    }
    out << "\n## Control commands (`siplinectl`)\n\n";
    if (!d.rpc_method_count) {
        out << "None.\n";
        return;
    }
    out << "| Command | Parameters | Meaning |\n|---|---|---|\n";
    for (uint32_t i = 0; i < d.rpc_method_count; ++i) {
        const sipline_rpc_method_t &m = *d.rpc_methods[i];
        out << "| `" << d.name << "." << m.name << "` | " << cell(m.params_doc) << " | " << cell(m.doc) << " |\n";
    }
}

}  // namespace

std::string listPlugins(const std::string &dir) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto &entry : std::filesystem::directory_iterator{dir, error})
        if (entry.path().extension() == ".so") files.push_back(entry.path());
    if (error) throw std::runtime_error(dir + ": " + error.message());
    std::sort(files.begin(), files.end());
    std::ostringstream out;
    for (const auto &file : files) {
        LoadedPlugin plugin;
        plugin.path = file.string();
        try {
            loadPluginFile(plugin);
            out << plugin.decl->name << " " << text(plugin.decl->version) << "  " << text(plugin.decl->summary) << "\n";
        } catch (const std::exception &e) {
            out << file.filename().string() << ": refused: " << e.what() << "\n";
        }
    }
    return out.str();
}

std::string describePlugin(const std::string &dir, const std::string &name) {
    LoadedPlugin plugin;
    plugin.path = (std::filesystem::path{dir} / (name + ".so")).string();
    loadPluginFile(plugin);
    const sipline_plugin_t &d = *plugin.decl;
    std::ostringstream out;
    out << "# " << d.name << " " << text(d.version) << "\n\n" << text(d.summary) << "\n";
    out << "\n<!-- Generated by `sipline --describe-plugin " << d.name
        << "` from the plugin's own declarations; do not edit. -->\n";
    describeParams(out, d);
    describeFunctions(out, d);
    describePvarsAndRpc(out, d);
    return out.str();
}

}  // namespace sipline::plugins
