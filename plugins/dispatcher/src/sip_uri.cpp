#include "sip_uri.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace sipline::dispatcher {
namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix) noexcept {
    if (text.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
    return true;
}

bool equalsNoCase(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && startsWithNoCase(a, b);
}

Transport transportOf(std::string_view name) noexcept {
    if (equalsNoCase(name, "udp")) return Transport::Udp;
    if (equalsNoCase(name, "tcp")) return Transport::Tcp;
    if (equalsNoCase(name, "tls")) return Transport::Tls;
    if (equalsNoCase(name, "sctp")) return Transport::Sctp;
    if (equalsNoCase(name, "ws")) return Transport::Ws;
    if (equalsNoCase(name, "wss")) return Transport::Wss;
    return Transport::Any;
}

// The value of ;transport= among the URI parameters (the text after the hostport).
Transport transportParam(std::string_view params) noexcept {
    while (!params.empty()) {
        const size_t semi = params.find(';');
        if (semi == std::string_view::npos) break;
        params.remove_prefix(semi + 1);
        const std::string_view param = params.substr(0, params.find_first_of(";?"));
        if (startsWithNoCase(param, "transport=")) return transportOf(param.substr(10));
    }
    return Transport::Any;
}

}  // namespace

std::optional<SipUri> parseSipUri(std::string_view text) noexcept {
    SipUri uri;
    if (startsWithNoCase(text, "sips:")) {
        uri.secure = true;
        text.remove_prefix(5);
    } else if (startsWithNoCase(text, "sip:")) {
        text.remove_prefix(4);
    } else {
        return std::nullopt;
    }
    const size_t end = text.find_first_of(";?>");
    std::string_view userhost = text.substr(0, end);
    const std::string_view params = end == std::string_view::npos ? std::string_view{} : text.substr(end);
    if (const size_t at = userhost.rfind('@'); at != std::string_view::npos) {
        uri.user = userhost.substr(0, userhost.find(':') < at ? userhost.find(':') : at);
        userhost.remove_prefix(at + 1);
    }
    std::string_view port;
    bool has_port = false;
    if (!userhost.empty() && userhost.front() == '[') {
        const size_t close = userhost.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        uri.host = userhost.substr(1, close - 1);
        const std::string_view rest = userhost.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port = rest.substr(1);
            has_port = true;
        }
    } else {
        const size_t colon = userhost.find(':');
        uri.host = userhost.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = userhost.substr(colon + 1);
            has_port = true;
        }
    }
    if (uri.host.empty()) return std::nullopt;
    for (const char c : uri.host)
        if (std::isspace(static_cast<unsigned char>(c))) return std::nullopt;
    if (has_port) {
        unsigned value = 0;
        const auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (ec != std::errc{} || p != port.data() + port.size() || value == 0 || value > 65535) return std::nullopt;
        uri.port = static_cast<uint16_t>(value);
        uri.port_text = port;
    }
    uri.transport = transportParam(params);
    return uri;
}

bool isIpLiteral(std::string_view host) noexcept {
    char buffer[64];
    if (host.empty() || host.size() >= sizeof buffer) return false;
    std::copy(host.begin(), host.end(), buffer);
    buffer[host.size()] = '\0';
    unsigned char out[16];
    return inet_pton(AF_INET, buffer, out) == 1 || inet_pton(AF_INET6, buffer, out) == 1;
}

Transport defaultTransport(const SipUri &uri, bool host_is_ip) noexcept {
    if (uri.transport != Transport::Any) return uri.transport;
    if (host_is_ip) return Transport::Udp;
    if (uri.port != 0) return uri.secure ? Transport::Tcp : Transport::Udp;
    return Transport::Any; // DNS decides at relay time
}

UriHashKey uriHashKey(const SipUri &uri, bool user_only) {
    UriHashKey key{std::string{uri.user}, {}};
    if (user_only) return key;
    key.hostport = std::string{uri.host};
    const uint16_t default_port = uri.secure ? 5061 : 5060;
    if (!uri.port_text.empty() && uri.port != default_port) key.hostport.append(":").append(uri.port_text);
    return key;
}

std::string_view uriOfNameAddr(std::string_view value) noexcept {
    if (const size_t open = value.find('<'); open != std::string_view::npos) {
        const size_t close = value.find('>', open);
        if (close == std::string_view::npos) return {};
        return value.substr(open + 1, close - open - 1);
    }
    // Without <>, parameters after ';' belong to the header, not the URI (RFC 3261 20.10).
    return value.substr(0, value.find(';'));
}

std::string_view transportName(Transport t) noexcept {
    switch (t) {
    case Transport::Udp: return "udp";
    case Transport::Tcp: return "tcp";
    case Transport::Tls: return "tls";
    case Transport::Sctp: return "sctp";
    case Transport::Ws: return "ws";
    case Transport::Wss: return "wss";
    case Transport::Any: break;
    }
    return "any";
}

}  // namespace sipline::dispatcher
