#include "param_list.hpp"

#include "header_type.hpp"

namespace sipline::sip {
namespace {

// gen-value = token / host / quoted-string; a host adds ':' '[' ']' for IPv6 references.
bool isGenericValue(std::string_view value) noexcept {
    if (value.empty()) return false;
    if (value.front() == '"') return chars::skipQuotedString(value, 0) == value.size();
    for (char c : value)
        if (!chars::kGenericValueChars[static_cast<unsigned char>(c)]) return false;
    return true;
}

}  // namespace

std::optional<std::string_view> findParam(std::string_view params, std::string_view name) noexcept {
    std::optional<std::string_view> found;
    bool done = false;
    forEachParam(params, [&](const Param &param) {
        if (done || !equalsIgnoreCase(param.name, name)) return;
        found = param.value.value_or(std::string_view{});
        done = true;
    });
    return found;
}

bool isWellFormedParam(const Param &param) noexcept {
    return chars::isToken(param.name) && (!param.value || isGenericValue(*param.value));
}

}  // namespace sipline::sip
