// One call of a plugin function in the TOML, with its arguments checked against the plugin's
// declaration and prepared once (Kamailio's fixup). Invoking it evaluates only the arguments
// that hold $variables.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "pipeline/message_context.hpp"
#include "pipeline/template.hpp"
#include "plugins/symbols.hpp"

namespace sipline::pipeline {

class CallSite {
public:
    // Throws std::invalid_argument with the reason (wrong count, type, range, or the plugin's
    // own refusal from prepare()).
    CallSite(const plugins::BoundFunction &function, const toml::array *args,
             const plugins::SymbolTable *symbols);
    ~CallSite();
    CallSite(const CallSite &) = delete;
    CallSite &operator=(const CallSite &) = delete;

    sipline_rc invoke(MessageContext &ctx) const;
    const plugins::BoundFunction &function() const noexcept { return function_; }

    static constexpr size_t kMaxArgs = 8;

private:
    const plugins::BoundFunction &function_;
    std::vector<sipline_value_t> constants_;          // one per declared arg
    std::vector<std::string> storage_;                // owns constant strings (reserved: stable)
    std::vector<std::optional<Template>> dynamic_;    // set where the arg holds $variables
    void *call_state_ = nullptr;
};

}  // namespace sipline::pipeline
