// Transport addresses: protocol, IP address and port.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>

namespace sipline::transport {

enum class Proto : uint8_t { Udp = 1, Tcp = 2 };

std::string_view protoName(Proto proto) noexcept;       // "udp"
std::string_view protoViaName(Proto proto) noexcept;    // "UDP" as written in Via
std::optional<Proto> protoFromName(std::string_view name) noexcept; // case-insensitive

struct Endpoint {
    Proto proto = Proto::Udp;
    boost::asio::ip::address address;
    uint16_t port = 0;

    // "udp:127.0.0.1:5060", IPv6 as "udp:[::1]:5060".
    std::string str() const;
    // Address only, IPv6 in brackets as in SIP headers: "[::1]".
    std::string hostText() const;
    bool operator==(const Endpoint &) const = default;
};

// Parses "proto:host:port" (host an IP literal, IPv6 in brackets). nullopt when malformed; the
// reason is written to *why.
std::optional<Endpoint> parseListenAddress(std::string_view text, std::string *why);

}  // namespace sipline::transport
