// Conversions between the ABI's borrowed byte views and C++ string views.
#pragma once

#include <string_view>

#include "../abi.h"

namespace sipline::sdk {

constexpr std::string_view view(sipline_str_t s) noexcept {
    return s.data == nullptr ? std::string_view{} : std::string_view{s.data, s.len};
}

constexpr sipline_str_t str(std::string_view s) noexcept { return {s.data(), s.size()}; }

}  // namespace sipline::sdk
