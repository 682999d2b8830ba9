// One JSON-RPC exchange over the control socket: send a line, read the answer line.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sipline::ctl {

// Connecting failed (missing socket, refused, permission): "cannot connect to <path>: <what>".
struct ConnectError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// Connected, but no complete answer arrived (timeout, connection closed).
struct TransportError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Sends request + '\n' and returns the first response line (without '\n'); a response ended by
// EOF instead of '\n' is accepted too. The timeout covers the whole exchange.
std::string exchange(const std::string &socket_path, std::string_view request,
                     std::chrono::milliseconds timeout);

// The same over TCP to "IP:PORT" ("[::1]:PORT" for IPv6); a malformed address is a ConnectError.
std::string exchangeTcp(const std::string &host_port, std::string_view request,
                        std::chrono::milliseconds timeout);

}  // namespace sipline::ctl
