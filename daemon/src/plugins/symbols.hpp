// What plugins offer to the pipeline, as the pipeline compiler looks them up: functions and
// pseudo-variables bound to their plugin instance.
#pragma once

#include <string>
#include <string_view>

#include <sipline/sdk/host.h>
#include <sipline/sdk/plugin.h>

namespace sipline::plugins {

struct BoundFunction {
    std::string full_name;           // "maxfwd.process"
    std::string_view plugin_name;
    void *instance = nullptr;
    const sipline_function_t *decl = nullptr;
};

struct BoundPvar {
    std::string_view plugin_name;
    void *instance = nullptr;
    const sipline_pvar_t *decl = nullptr;
};

class SymbolTable {
public:
    virtual ~SymbolTable() = default;
    // By "plugin.name" or "plugin.alias"; nullptr when unknown.
    virtual const BoundFunction *findFunction(std::string_view name) const = 0;
    // By the name after '$' ("sht"); nullptr when unknown.
    virtual const BoundPvar *findPvar(std::string_view name) const = 0;
    // The host table handed to plugins (template compile etc. for pvars).
    virtual bool hasPlugin(std::string_view name) const = 0;
};

}  // namespace sipline::plugins
