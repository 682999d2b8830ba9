// A plain SIP peer for tests: sends hand-written messages over UDP or TCP from 127.0.0.1 and
// reads what comes back. It can also stand in for a next hop, to see what the daemon forwards.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace sipline::test {

class SipSocket {
public:
    enum class Kind { Udp, Tcp };
    // Binds 127.0.0.1:port (0: any free port). A TCP socket connects in connect().
    explicit SipSocket(Kind kind, uint16_t port = 0);
    ~SipSocket();
    SipSocket(const SipSocket &) = delete;
    SipSocket &operator=(const SipSocket &) = delete;

    uint16_t port() const noexcept { return port_; }
    bool connect(uint16_t remote_port);           // TCP
    bool sendTo(uint16_t remote_port, const std::string &bytes); // UDP: to 127.0.0.1:port; TCP: on the connection
    // One message (a datagram, or TCP bytes up to the end of a message framed by
    // Content-Length), or nullopt after timeout.
    std::optional<std::string> receive(std::chrono::milliseconds timeout);
    // For UDP: the source port of the last datagram received.
    uint16_t lastSourcePort() const noexcept { return last_source_port_; }

private:
    Kind kind_;
    int fd_ = -1;
    uint16_t port_ = 0;
    uint16_t last_source_port_ = 0;
    std::string stream_buffer_;
};

// Replaces @PORT@/@LOCAL_PORT@ etc. is left to the caller; these fill the fields every
// hand-written test request needs.
std::string headerValue(const std::string &message, const std::string &name); // first match, trimmed
int statusCode(const std::string &message);

}  // namespace sipline::test
