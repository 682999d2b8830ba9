// The parts of a SIP URI the dispatcher needs: user and host[:port] for hashing, host, port and
// transport for matching sources and for the list. Not a full RFC 3261 parser on purpose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipline::dispatcher {

enum class Transport { Any, Udp, Tcp, Tls, Sctp, Ws, Wss };

struct SipUri {
    bool secure = false;          // sips:
    std::string_view user;
    std::string_view host;        // without [] for IPv6
    std::string_view port_text;   // as written, empty when absent
    uint16_t port = 0;            // 0 when absent
    Transport transport = Transport::Any; // ;transport= parameter
};

// nullopt when the text is not a sip:/sips: URI with a host (and a valid port if any).
std::optional<SipUri> parseSipUri(std::string_view text) noexcept;

// Kamailio's default transport for a destination without ;transport= (list format notes).
Transport defaultTransport(const SipUri &uri, bool host_is_ip) noexcept;

// Kamailio's hash input for a URI (algs 1..3): user, and host plus ":port" only when the port
// is explicit and not the scheme's default. user_only drops the host (flags bit 1).
struct UriHashKey {
    std::string user;
    std::string hostport;
};
UriHashKey uriHashKey(const SipUri &uri, bool user_only);

// The URI inside a From/To header value: "<sip:a@b>;tag=x", "Name <sip:a@b>", "sip:a@b;tag=x".
std::string_view uriOfNameAddr(std::string_view header_value) noexcept;

std::string_view transportName(Transport t) noexcept;
bool isIpLiteral(std::string_view host) noexcept;

}  // namespace sipline::dispatcher
