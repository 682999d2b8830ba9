#include "to_header.hpp"

#include "sip_text.hpp"

namespace sipline::sl {

std::optional<std::string_view> toTagParameter(std::string_view to_value) noexcept {
    // Header parameters follow the '>' of a name-addr; in an addr-spec (no '<') every ';'
    // starts one, since RFC 3261 20 forbids URI parameters there. Quoted display names may
    // hold '<' or ';', so skip them.
    for (size_t i = 0; i < to_value.size(); ++i) {
        const char c = to_value[i];
        if (c == '"') {
            for (++i; i < to_value.size() && to_value[i] != '"'; ++i)
                if (to_value[i] == '\\') ++i;
        } else if (c == '<') {
            const size_t close = to_value.find('>', i);
            if (close == std::string_view::npos) return std::nullopt;
            return findParameter(to_value.substr(close + 1), "tag");
        } else if (c == ';') {
            return findParameter(to_value.substr(i), "tag");
        }
    }
    return std::nullopt;
}

}  // namespace sipline::sl
