// Refuse at start, never mid-traffic: a bad plugin must name its file and the reason.
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>

#include <sipline/sdk/entry.h>

#include "plugins/loaded_plugin.hpp"

namespace sipline::plugins {
namespace {

// The sizes of the ABI 1.0 structs: anything smaller cannot be a 1.x plugin.
constexpr uint32_t kPluginSizeV1_0 = offsetof(sipline_plugin_t, get_interface) + sizeof(void *);
constexpr uint32_t kParamSizeV1_0 = sizeof(sipline_param_t);
constexpr uint32_t kFunctionSizeV1_0 = sizeof(sipline_function_t);
constexpr uint32_t kHookSizeV1_0 = sizeof(sipline_hook_t);
constexpr uint32_t kPvarSizeV1_0 = sizeof(sipline_pvar_t);
constexpr uint32_t kRpcSizeV1_0 = sizeof(sipline_rpc_method_t);

[[noreturn]] void refuse(const LoadedPlugin &p, const std::string &reason) {
    throw std::runtime_error(p.path + ": " + reason);
}

bool validName(const char *name) {
    if (!name || !*name) return false;
    if (!(name[0] >= 'a' && name[0] <= 'z')) return false;
    for (const char *c = name; *c; ++c)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
    return true;
}

template <class T>
void checkTable(const LoadedPlugin &p, const T *const *items, uint32_t count, uint32_t min_size, const char *what) {
    if (count > 0 && !items) refuse(p, std::string{what} + " count is " + std::to_string(count) + " but the table is NULL");
    for (uint32_t i = 0; i < count; ++i) {
        if (!items[i]) refuse(p, std::string{what} + " #" + std::to_string(i) + " is NULL");
        if (items[i]->struct_size < min_size)
            refuse(p, std::string{what} + " #" + std::to_string(i) + " is smaller than ABI 1.0 declares (" +
                          std::to_string(items[i]->struct_size) + " < " + std::to_string(min_size) + " bytes)");
    }
}

void checkDeclarations(const LoadedPlugin &p) {
    const sipline_plugin_t &d = *p.decl;
    checkTable(p, d.params, d.param_count, kParamSizeV1_0, "parameter");
    checkTable(p, d.functions, d.function_count, kFunctionSizeV1_0, "function");
    checkTable(p, d.hooks, d.hook_count, kHookSizeV1_0, "hook");
    checkTable(p, d.pvars, d.pvar_count, kPvarSizeV1_0, "pseudo-variable");
    checkTable(p, d.rpc_methods, d.rpc_method_count, kRpcSizeV1_0, "RPC method");
    if (!d.create || !d.destroy) refuse(p, "create() and destroy() are required");

    std::set<std::string> names;
    for (uint32_t i = 0; i < d.function_count; ++i) {
        const sipline_function_t &f = *d.functions[i];
        if (!f.name || !*f.name || !f.invoke) refuse(p, "function #" + std::to_string(i) + " has no name or no invoke()");
        if (f.required_arg_count > f.arg_count) refuse(p, std::string{"function "} + f.name + ": more required arguments than arguments");
        checkTable(p, f.args, f.arg_count, kParamSizeV1_0, (std::string{"argument of "} + f.name).c_str());
        if (!names.insert(f.name).second) refuse(p, std::string{"function name '"} + f.name + "' is declared twice");
        for (uint32_t a = 0; a < f.alias_count; ++a)
            if (f.aliases && f.aliases[a] && !names.insert(f.aliases[a]).second)
                refuse(p, std::string{"function name '"} + f.aliases[a] + "' is declared twice");
    }
    for (uint32_t i = 0; i < d.param_count; ++i)
        if (!d.params[i]->name || d.params[i]->type <= SIPLINE_PARAM_INVALID || d.params[i]->type > SIPLINE_PARAM_JSON)
            refuse(p, "parameter #" + std::to_string(i) + " has no name or an invalid type");
    for (uint32_t i = 0; i < d.hook_count; ++i)
        if (!d.hooks[i]->run || d.hooks[i]->stage <= SIPLINE_STAGE_INVALID || d.hooks[i]->stage > SIPLINE_STAGE_PRE_REPLY)
            refuse(p, "hook #" + std::to_string(i) + " has no run() or an unknown stage");
    for (uint32_t i = 0; i < d.pvar_count; ++i)
        if (!d.pvars[i]->name || !*d.pvars[i]->name) refuse(p, "pseudo-variable #" + std::to_string(i) + " has no name");
    for (uint32_t i = 0; i < d.rpc_method_count; ++i)
        if (!d.rpc_methods[i]->name || !d.rpc_methods[i]->handle)
            refuse(p, "RPC method #" + std::to_string(i) + " has no name or no handler");
}

}  // namespace

void loadPluginFile(LoadedPlugin &p) {
    std::error_code exists_error;
    if (!std::filesystem::exists(p.path, exists_error)) refuse(p, "no such plugin file");
    try {
        // rtld_now: a missing symbol fails here, not mid-traffic. rtld_local: each plugin's
        // inline copies (nlohmann::json...) stay apart.
        p.library.load(p.path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception &e) {
        refuse(p, std::string{"cannot be loaded: "} + e.what());
    }
    if (!p.library.has(SIPLINE_ENTRY_SYMBOL)) refuse(p, "not a sipline plugin (no " SIPLINE_ENTRY_SYMBOL ")");
    auto &entry = p.library.get<const sipline_plugin_t *()>(SIPLINE_ENTRY_SYMBOL);
    p.decl = entry();
    if (!p.decl) refuse(p, SIPLINE_ENTRY_SYMBOL " returned NULL");
    if (p.decl->struct_size < kPluginSizeV1_0)
        refuse(p, "plugin descriptor is smaller than ABI 1.0 declares (" + std::to_string(p.decl->struct_size) + " bytes)");
    const auto major = p.decl->abi.major, minor = p.decl->abi.minor;
    if (major != SIPLINE_ABI_MAJOR)
        refuse(p, "built for SDK ABI " + std::to_string(major) + ".x, this sipline speaks " +
                      std::to_string(SIPLINE_ABI_MAJOR) + ".x");
    if (minor > SIPLINE_ABI_MINOR)
        refuse(p, "built against newer SDK " + std::to_string(major) + "." + std::to_string(minor) +
                      ", this sipline speaks " + std::to_string(SIPLINE_ABI_MAJOR) + "." +
                      std::to_string(SIPLINE_ABI_MINOR) + ": upgrade sipline");
    if (!validName(p.decl->name)) refuse(p, "plugin name must match [a-z][a-z0-9_]*");
    checkDeclarations(p);
}

}  // namespace sipline::plugins
