// The arguments of one sanity.check call site: msg_checks and uri_checks, each absent (the
// plugin defaults apply), constant (resolved and validated at start) or a $variable
// (resolved per message).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <sipline/sdk/abi.h>

#include "check_set.hpp"

namespace sipline::sanity {

struct MaskArgument {
    enum class Source { Default, Constant, Variable };
    Source source = Source::Default;
    uint32_t mask = 0; // for Constant
};

struct CallMasks {
    MaskArgument msg_checks;
    MaskArgument uri_checks;
};

// From the arguments prepare() receives: JSON text for constants, the template's source text
// for $variables. Throws sdk::ConfigError for an unknown name or a value out of range.
CallMasks callMasksFromArguments(const sipline_value_t *args, uint32_t count);

// The mask to use for one message: the default, the constant, or the variable's value (an
// integer or a name); nullopt when the variable's value is not a valid mask.
std::optional<uint32_t> resolveMask(const MaskArgument &argument, const sipline_value_t *value,
                                    MaskKind kind, uint32_t fallback) noexcept;

}  // namespace sipline::sanity
