// SIP/SIPS URIs per RFC 3261 19.1.1; tel/tels and other schemes only loosely.
#include "uri.hpp"

#include <array>

#include "header_type.hpp"
#include "host_port.hpp"
#include "param_list.hpp"
#include "sip_chars.hpp"

namespace sipline::sip {
namespace {

// Characters no URI may hold unescaped. The list is short on purpose: deployed phones put
// '#' and similar in the user part, and a proxy that refuses them breaks calls. A table: the
// whole URI is checked, once per URI parsed.
constexpr auto kForbiddenInUri = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c <= 0x20; ++c) table[size_t(c)] = true;
    for (unsigned char c : std::string_view{"\x7f<>\""}) table[c] = true;
    return table;
}();

// Every '%' must start an escape "%" HEXDIG HEXDIG; the escape itself is left as written.
bool escapesWellFormed(std::string_view text) noexcept {
    for (size_t i = text.find('%'); i != std::string_view::npos; i = text.find('%', i + 3)) {
        if (i + 2 >= text.size() || !chars::isHex(text[i + 1]) || !chars::isHex(text[i + 2]))
            return false;
    }
    return true;
}

// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ); returns the index of ':' or npos.
size_t schemeEnd(std::string_view text) noexcept {
    if (text.empty() || !chars::isAlpha(text[0])) return std::string_view::npos;
    for (size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ':') return i;
        if (!chars::isAlnum(c) && c != '+' && c != '-' && c != '.') return std::string_view::npos;
    }
    return std::string_view::npos;
}

UriScheme schemeKindOf(std::string_view scheme) noexcept {
    switch (scheme.size()) {
    case 3:
        if (equalsIgnoreCase(scheme, "sip")) return UriScheme::Sip;
        if (equalsIgnoreCase(scheme, "tel")) return UriScheme::Tel;
        break;
    case 4:
        if (equalsIgnoreCase(scheme, "sips")) return UriScheme::Sips;
        if (equalsIgnoreCase(scheme, "tels")) return UriScheme::Tels;
        break;
    }
    return UriScheme::Other;
}

// rest = [userinfo "@"] hostport [";" params] ["?" headers]
bool parseSipRest(std::string_view rest, Uri &uri) noexcept {
    size_t host_begin = 0;
    const size_t at = rest.find('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const size_t colon = userinfo.find(':');
        uri.user = userinfo.substr(0, colon);
        if (colon != std::string_view::npos) uri.password = userinfo.substr(colon + 1);
        if (uri.user.empty() || !escapesWellFormed(userinfo)) return false;
        host_begin = at + 1;
    }

    const size_t host_end = scanHost(rest, host_begin);
    if (host_end == std::string_view::npos) return false;
    uri.host = rest.substr(host_begin, host_end - host_begin);

    size_t pos = host_end;
    if (pos < rest.size() && rest[pos] == ':') {
        const size_t port_begin = pos + 1;
        pos = port_begin;
        while (pos < rest.size() && rest[pos] != ';' && rest[pos] != '?') ++pos;
        uri.port_text = rest.substr(port_begin, pos - port_begin);
        const auto port = parsePort(uri.port_text);
        if (!port) return false;
        uri.port = *port;
    }
    if (pos < rest.size() && rest[pos] == ';') {
        const size_t params_begin = pos + 1;
        pos = rest.find('?', params_begin);
        if (pos == std::string_view::npos) pos = rest.size();
        uri.params = rest.substr(params_begin, pos - params_begin);
    }
    if (pos < rest.size() && rest[pos] == '?') {
        uri.headers = rest.substr(pos + 1);
        pos = rest.size();
    }
    return pos == rest.size();
}

}  // namespace

std::optional<std::string_view> Uri::param(std::string_view name) const noexcept {
    return findParam(params, name);
}

std::optional<Uri> parseUri(std::string_view text) noexcept {
    const size_t colon = schemeEnd(text);
    if (colon == std::string_view::npos) return std::nullopt;
    for (char c : text)
        if (kForbiddenInUri[static_cast<unsigned char>(c)]) return std::nullopt;

    Uri uri;
    uri.text = text;
    uri.scheme = text.substr(0, colon);
    uri.scheme_kind = schemeKindOf(uri.scheme);
    const std::string_view rest = text.substr(colon + 1);
    if (rest.empty()) return std::nullopt;

    switch (uri.scheme_kind) {
    case UriScheme::Sip:
    case UriScheme::Sips:
        if (!parseSipRest(rest, uri)) return std::nullopt;
        return uri;
    case UriScheme::Tel:
    case UriScheme::Tels:
        uri.user = rest;
        return uri;
    case UriScheme::Other:
    default:
        return uri;
    }
}

}  // namespace sipline::sip
