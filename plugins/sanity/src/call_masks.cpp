#include "call_masks.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace sipline::sanity {
namespace {

bool isGiven(const sipline_value_t &value) noexcept {
    return value.type == SIPLINE_VALUE_STR || value.type == SIPLINE_VALUE_INT;
}

std::string_view textOf(const sipline_value_t &value) noexcept {
    return value.str.data == nullptr ? std::string_view{} : std::string_view{value.str.data, value.str.len};
}

MaskArgument argumentFrom(const sipline_value_t *args, uint32_t count, uint32_t index, MaskKind kind,
                          std::string_view what) {
    if (index >= count || !isGiven(args[index])) return {};
    const sipline_value_t &value = args[index];
    if (value.type == SIPLINE_VALUE_INT)
        return {.source = MaskArgument::Source::Constant,
                .mask = maskFromJson(std::to_string(value.integer), kind, what)};
    const std::string_view text = textOf(value);
    // Constants arrive as JSON text; a $variable arrives as its template source, never JSON.
    if (nlohmann::json::accept(text))
        return {.source = MaskArgument::Source::Constant, .mask = maskFromJson(text, kind, what)};
    return {.source = MaskArgument::Source::Variable, .mask = 0};
}

}  // namespace

CallMasks callMasksFromArguments(const sipline_value_t *args, uint32_t count) {
    return {
        .msg_checks = argumentFrom(args, count, 0, MaskKind::Message, "msg_checks"),
        .uri_checks = argumentFrom(args, count, 1, MaskKind::Uri, "uri_checks"),
    };
}

std::optional<uint32_t> resolveMask(const MaskArgument &argument, const sipline_value_t *value,
                                    MaskKind kind, uint32_t fallback) noexcept {
    switch (argument.source) {
    case MaskArgument::Source::Default: return fallback;
    case MaskArgument::Source::Constant: return argument.mask;
    case MaskArgument::Source::Variable: break;
    }
    if (value == nullptr) return std::nullopt;
    if (value->type == SIPLINE_VALUE_INT) {
        if (!isValidMask(value->integer, kind)) return std::nullopt;
        return static_cast<uint32_t>(value->integer);
    }
    if (value->type != SIPLINE_VALUE_STR) return std::nullopt;
    return maskFromText(textOf(*value), kind);
}

}  // namespace sipline::sanity
