// Where a message goes next, as Kamailio's forward() decides it: a request to $du or its
// R-URI; a reply to the address in its (new) top Via.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sip/via.hpp"
#include "transport/endpoint.hpp"

namespace sipline::core {

struct NextHop {
    transport::Proto proto = transport::Proto::Udp;
    std::string host; // IP literal (IPv6 without brackets) or a name to resolve
    uint16_t port = 5060;
};

// From a SIP URI: host, port (default 5060), ;transport= (udp/tcp; others refused).
std::optional<NextHop> nextHopForUri(std::string_view uri, std::string *why);

// RFC 3261 18.2.2 for a reply: received= (else the sent-by host), rport value (else the
// sent-by port, else 5060), and the Via's transport.
std::optional<NextHop> nextHopForVia(const sip::Via &via, std::string *why);

}  // namespace sipline::core
