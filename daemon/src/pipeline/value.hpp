// A pipeline value: $null, an integer or a string. Strings are views; whoever makes one says
// how long it lives (config storage, the received bytes, or the run's arena).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipline::pipeline {

struct Value {
    enum class Kind : uint8_t { Null, Int, Str };
    Kind kind = Kind::Null;
    int64_t integer = 0;
    std::string_view text;

    static Value null() noexcept { return {}; }
    static Value of(int64_t i) noexcept { return {Kind::Int, i, {}}; }
    static Value of(std::string_view s) noexcept { return {Kind::Str, 0, s}; }

    bool isNull() const noexcept { return kind == Kind::Null; }
    // Kamailio's truth: a non-zero integer, a non-empty string.
    bool truthy() const noexcept {
        return kind == Kind::Int ? integer != 0 : kind == Kind::Str && !text.empty();
    }
    // An integer, or a string that is a whole decimal integer.
    std::optional<int64_t> asInt() const noexcept;
};

}  // namespace sipline::pipeline
