// Small lexical helpers for SIP header values (RFC 3261 25.1): whitespace, quoted strings,
// comma lists and ";name=value" parameters.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace sipline::sl {

constexpr bool isWhitespace(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

size_t skipWhitespace(std::string_view text, size_t position) noexcept;
std::string_view trim(std::string_view text) noexcept;
bool equalsIgnoringCase(std::string_view a, std::string_view b) noexcept;

// The text before the first comma that is outside a quoted string, trimmed.
std::string_view firstListItem(std::string_view list) noexcept;

// The value of parameter `name` (case-insensitive) in text of the form ";a=1;b;c=\"x\"".
// A parameter without "=" has an empty value. nullopt when absent.
std::optional<std::string_view> findParameter(std::string_view params,
                                              std::string_view name) noexcept;

}  // namespace sipline::sl
