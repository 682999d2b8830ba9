// Reading function arguments: integers may arrive as text when they held $variables.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

#include <sipline/sdk.hpp>

namespace sipline::dispatcher {

inline std::optional<int64_t> integerOf(const sipline_value_t &value) noexcept {
    if (value.type == SIPLINE_VALUE_INT) return value.integer;
    if (value.type != SIPLINE_VALUE_STR) return std::nullopt;
    std::string_view text = sdk::view(value.str);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return number;
}

inline std::optional<int64_t> integerArg(const sdk::Call &call, uint32_t index) noexcept {
    if (!call.has(index)) return std::nullopt;
    return integerOf(call.args[index]);
}

inline std::string_view textArg(const sdk::Call &call, uint32_t index) noexcept {
    if (!call.has(index)) return {};
    return call.args[index].type == SIPLINE_VALUE_STR ? sdk::view(call.args[index].str) : std::string_view{};
}

}  // namespace sipline::dispatcher
