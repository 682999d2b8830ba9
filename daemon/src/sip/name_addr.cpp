// name-addr / addr-spec with header parameters (RFC 3261 20.10, 20.20, 20.39).
#include "name_addr.hpp"

#include "header_type.hpp"
#include "param_list.hpp"
#include "sip_chars.hpp"

namespace sipline::sip {
namespace {

// An unquoted display name is *(token LWS); anything else there (torture test baddn:
// "Bell, Alexander <...>") is malformed.
bool isUnquotedDisplayName(std::string_view text) noexcept {
    for (char c : text)
        if (!chars::isTokenChar(c) && !chars::isLws(c)) return false;
    return true;
}

// Sets params and the tag fields from the text after the first ';'.
bool readHeaderParams(std::string_view params, NameAddr &name_addr) noexcept {
    name_addr.params = chars::trimLws(params);
    bool well_formed = true; // every entry: an empty one (";;") or list is malformed too
    forEachParam(name_addr.params, [&](const Param &param) {
        if (!isWellFormedParam(param)) well_formed = false;
        if (!well_formed || !equalsIgnoreCase(param.name, "tag")) return;
        if (name_addr.tag_count++ == 0) name_addr.tag = param.value.value_or(std::string_view{});
    });
    return well_formed;
}

// text[open] == '<': the URI runs to the first '>', then only ";params" may follow.
bool readAngleForm(std::string_view text, size_t open, NameAddr &name_addr) noexcept {
    const size_t close = text.find('>', open + 1);
    if (close == std::string_view::npos) return false;
    name_addr.uri_text = text.substr(open + 1, close - open - 1);
    // " sip:x " (badaspec) is kept: its URI does not parse, the name-addr still does.
    const size_t after = chars::skipLws(text, close + 1);
    if (after == text.size()) return true;
    if (text[after] != ';') return false;
    return readHeaderParams(text.substr(after + 1), name_addr);
}

// A bare addr-spec: everything after the first ';' belongs to the header, not the URI.
// One holding ',' or '?' must use the <> form (RFC 3261 20.10; torture test regbadct).
bool readAddrSpecForm(std::string_view text, NameAddr &name_addr) noexcept {
    const size_t semicolon = text.find(';');
    name_addr.uri_text = chars::trimLws(text.substr(0, semicolon));
    if (name_addr.uri_text.empty()) return false;
    if (name_addr.uri_text.find_first_of(",?") != std::string_view::npos) return false;
    if (semicolon == std::string_view::npos) return true;
    return readHeaderParams(text.substr(semicolon + 1), name_addr);
}

}  // namespace

std::optional<std::string_view> NameAddr::param(std::string_view name) const noexcept {
    return findParam(params, name);
}

std::optional<NameAddr> parseNameAddr(std::string_view value) noexcept {
    NameAddr name_addr;
    name_addr.text = chars::trimLws(value);
    const std::string_view text = name_addr.text;
    if (text.empty()) return std::nullopt;
    if (text == "*") {
        name_addr.is_star = true;
        return name_addr;
    }

    if (text.front() == '"') {
        const size_t after_quote = chars::skipQuotedString(text, 0);
        if (after_quote == std::string_view::npos) return std::nullopt;  // quotbal
        name_addr.display_name = text.substr(1, after_quote - 2);
        const size_t open = chars::skipLws(text, after_quote);
        if (open >= text.size() || text[open] != '<') return std::nullopt;
        if (!readAngleForm(text, open, name_addr)) return std::nullopt;
        return name_addr;
    }

    const size_t open = text.find('<');
    if (open == std::string_view::npos) {
        if (!readAddrSpecForm(text, name_addr)) return std::nullopt;
        return name_addr;
    }
    name_addr.display_name = chars::trimLws(text.substr(0, open));
    if (!isUnquotedDisplayName(name_addr.display_name)) return std::nullopt;
    if (!readAngleForm(text, open, name_addr)) return std::nullopt;
    return name_addr;
}

}  // namespace sipline::sip
