#include "uri.hpp"

#include <algorithm>

#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

constexpr size_t kMaxPortDigits = 5;
constexpr unsigned kMaxPort = 65535;

constexpr bool isIn(char c, std::string_view set) noexcept { return set.find(c) != std::string_view::npos; }

constexpr CharTable kUserChars = charTable([](char c) { return isUnreserved(c) || isIn(c, "&=+$,;?/"); });
constexpr CharTable kPasswordChars = charTable([](char c) { return isUnreserved(c) || isIn(c, "&=+$,"); });
constexpr CharTable kParamChars = charTable([](char c) { return isUnreserved(c) || isIn(c, "[]/:&+$"); });
constexpr CharTable kHeaderChars = charTable([](char c) { return isUnreserved(c) || isIn(c, "[]/?:+$"); });
constexpr CharTable kHostChars = charTable([](char c) { return isAlnum(c) || c == '-' || c == '.' || c == '_'; });
constexpr CharTable kTelChars = charTable([](char c) { return isHex(c) || isIn(c, "*#+-.()"); });
constexpr CharTable kSchemeChars = charTable([](char c) { return isAlnum(c) || c == '+' || c == '-' || c == '.'; });

bool isHostChar(char c) noexcept { return kHostChars.has(c); }
bool isTelChar(char c) noexcept { return kTelChars.has(c); }
bool isSchemeChar(char c) noexcept { return kSchemeChars.has(c); }

// Every byte accepted by the class or part of a "%" HEXDIG HEXDIG escape.
bool isEscapedText(std::string_view text, const CharTable &accepted) noexcept {
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            if (i + 2 >= text.size() || !isHex(text[i + 1]) || !isHex(text[i + 2])) return false;
            i += 2;
        } else if (!accepted.has(text[i])) {
            return false;
        }
    }
    return true;
}

bool isValidPort(std::string_view port) noexcept {
    if (port.empty() || port.size() > kMaxPortDigits) return false;
    unsigned value = 0;
    for (const char c : port) {
        if (!isDigit(c)) return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value <= kMaxPort;
}

// ";name[=value]" repeated, the leading ';' already removed.
bool isValidParamList(std::string_view params) noexcept {
    while (true) {
        const size_t semi = params.find(';');
        const std::string_view param = params.substr(0, semi);
        const size_t equals = param.find('=');
        const std::string_view name = param.substr(0, equals);
        if (name.empty() || !isEscapedText(name, kParamChars)) return false;
        if (equals != std::string_view::npos) {
            const std::string_view value = param.substr(equals + 1);
            if (value.empty() || !isEscapedText(value, kParamChars)) return false;
        }
        if (semi == std::string_view::npos) return true;
        params.remove_prefix(semi + 1);
    }
}

// hname "=" hvalue *( "&" hname "=" hvalue )
bool isValidHeaderList(std::string_view headers) noexcept {
    while (true) {
        const size_t amp = headers.find('&');
        const std::string_view header = headers.substr(0, amp);
        const size_t equals = header.find('=');
        if (equals == std::string_view::npos) return false;
        const std::string_view name = header.substr(0, equals);
        if (name.empty() || !isEscapedText(name, kHeaderChars)) return false;
        if (!isEscapedText(header.substr(equals + 1), kHeaderChars)) return false;
        if (amp == std::string_view::npos) return true;
        headers.remove_prefix(amp + 1);
    }
}

bool isValidHost(std::string_view host) noexcept {
    if (host.empty()) return false;
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') return false;
        for (const char c : host.substr(1, host.size() - 2))
            if (!isHex(c) && c != ':' && c != '.') return false;
        return true;
    }
    bool has_alnum = false;
    for (const char c : host) {
        if (!isHostChar(c)) return false;
        has_alnum = has_alnum || isAlnum(c);
    }
    return has_alnum;
}

// Splits off ";params" and "?headers" after the part before them.
struct Tail {
    std::string_view params;
    std::string_view headers;
    bool has_params = false;
    bool has_headers = false;
};

std::string_view splitTail(std::string_view rest, Tail &tail) noexcept {
    const size_t question = rest.find('?');
    if (question != std::string_view::npos) {
        tail.has_headers = true;
        tail.headers = rest.substr(question + 1);
        rest = rest.substr(0, question);
    }
    const size_t semi = rest.find(';');
    if (semi != std::string_view::npos) {
        tail.has_params = true;
        tail.params = rest.substr(semi + 1);
        rest = rest.substr(0, semi);
    }
    return rest;
}

bool parseTail(const Tail &tail, UriHeaders headers, Uri &uri) noexcept {
    if (tail.has_params && !isValidParamList(tail.params)) return false;
    if (tail.has_headers && (headers == UriHeaders::Forbidden || !isValidHeaderList(tail.headers)))
        return false;
    uri.params = tail.params;
    uri.headers = tail.headers;
    return true;
}

bool parseSip(std::string_view rest, UriHeaders headers, Uri &uri) noexcept {
    // user chars exclude '@' and neither params nor headers may hold one: the first '@' ends
    // the userinfo.
    const size_t at = rest.find('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const size_t colon = userinfo.find(':');
        uri.user = userinfo.substr(0, colon);
        if (uri.user.empty() || !isEscapedText(uri.user, kUserChars)) return false;
        if (colon != std::string_view::npos) {
            uri.password = userinfo.substr(colon + 1);
            if (!isEscapedText(uri.password, kPasswordChars)) return false;
        }
        rest.remove_prefix(at + 1);
    }
    Tail tail;
    std::string_view hostport = splitTail(rest, tail);
    size_t host_end = 0;
    if (!hostport.empty() && hostport.front() == '[') {
        const size_t close = hostport.find(']');
        host_end = close == std::string_view::npos ? hostport.size() : close + 1;
    } else {
        host_end = std::min(hostport.find(':'), hostport.size());
    }
    uri.host = hostport.substr(0, host_end);
    if (!isValidHost(uri.host)) return false;
    const std::string_view after_host = hostport.substr(host_end);
    if (!after_host.empty()) {
        if (after_host.front() != ':') return false;
        uri.port = after_host.substr(1);
        if (!isValidPort(uri.port)) return false;
    }
    return parseTail(tail, headers, uri);
}

bool parseTel(std::string_view rest, Uri &uri) noexcept {
    Tail tail;
    const std::string_view number = splitTail(rest, tail);
    if (number.empty()) return false;
    for (const char c : number)
        if (!isTelChar(c)) return false;
    uri.user = number;
    return parseTail(tail, UriHeaders::Forbidden, uri);
}

// The rest of an absolute URI of an unknown scheme: opaque, but still no LWS, controls or
// the delimiters that end a URI in a header ('<', '>', '"').
bool isOpaqueText(std::string_view rest) noexcept {
    if (rest.empty()) return false;
    for (const char c : rest) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '<' || c == '>' || c == '"') return false;
    }
    return true;
}

UriScheme schemeOf(std::string_view name) noexcept {
    if (equalsIgnoreCase(name, "sip")) return UriScheme::Sip;
    if (equalsIgnoreCase(name, "sips")) return UriScheme::Sips;
    if (equalsIgnoreCase(name, "tel")) return UriScheme::Tel;
    if (equalsIgnoreCase(name, "tels")) return UriScheme::Tels;
    return UriScheme::Other;
}

}  // namespace

bool Uri::hasParam(std::string_view name) const noexcept {
    std::string_view rest = params;
    while (!rest.empty()) {
        const size_t semi = rest.find(';');
        const std::string_view param = rest.substr(0, semi);
        if (equalsIgnoreCase(param.substr(0, param.find('=')), name)) return true;
        if (semi == std::string_view::npos) break;
        rest.remove_prefix(semi + 1);
    }
    return false;
}

UriParse parseUri(std::string_view text, UriHeaders headers) noexcept {
    UriParse result;
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || !isAlpha(text.front())) return result;
    const std::string_view scheme = text.substr(0, colon);
    for (const char c : scheme)
        if (!isSchemeChar(c)) return result;
    Uri &uri = result.uri;
    uri.scheme_text = scheme;
    uri.scheme = schemeOf(scheme);
    const std::string_view rest = text.substr(colon + 1);
    switch (uri.scheme) {
    case UriScheme::Sip:
    case UriScheme::Sips:
        if (parseSip(rest, headers, uri)) result.status = UriParse::Status::Ok;
        break;
    case UriScheme::Tel:
    case UriScheme::Tels:
        if (parseTel(rest, uri)) result.status = UriParse::Status::Ok;
        break;
    case UriScheme::Other:
        if (isOpaqueText(rest)) result.status = UriParse::Status::UnsupportedScheme;
        break;
    }
    return result;
}

}  // namespace sipline::sanity
