#include "sip_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace sipline::test {
namespace {

sockaddr_in loopback(uint16_t port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

std::string lower(std::string s) {
    for (auto &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Bytes of one complete message at the start of buffer, or 0 when incomplete.
size_t framedLength(const std::string &buffer) {
    const size_t end = buffer.find("\r\n\r\n");
    if (end == std::string::npos) return 0;
    const std::string head = buffer.substr(0, end + 4);
    size_t body = 0;
    const std::string l = lower(head);
    size_t at = l.find("\r\ncontent-length:");
    if (at == std::string::npos) at = l.find("\r\nl:");
    if (at != std::string::npos) body = std::strtoul(head.c_str() + head.find(':', at) + 1, nullptr, 10);
    return buffer.size() >= end + 4 + body ? end + 4 + body : 0;
}

}  // namespace

SipSocket::SipSocket(Kind kind, uint16_t port) : kind_{kind} {
    fd_ = ::socket(AF_INET, kind == Kind::Udp ? SOCK_DGRAM : SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    const int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr = loopback(port);
    if (::bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) throw std::runtime_error("bind failed");
    socklen_t length = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr *>(&addr), &length);
    port_ = ntohs(addr.sin_port);
}

SipSocket::~SipSocket() {
    if (fd_ >= 0) ::close(fd_);
}

bool SipSocket::connect(uint16_t remote_port) {
    sockaddr_in addr = loopback(remote_port);
    return ::connect(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
}

bool SipSocket::sendTo(uint16_t remote_port, const std::string &bytes) {
    if (kind_ == Kind::Tcp) return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    sockaddr_in addr = loopback(remote_port);
    return ::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr *>(&addr), sizeof addr) ==
           static_cast<ssize_t>(bytes.size());
}

std::optional<std::string> SipSocket::receive(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[65536];
    for (;;) {
        if (kind_ == Kind::Tcp) {
            if (size_t n = framedLength(stream_buffer_)) {
                std::string message = stream_buffer_.substr(0, n);
                stream_buffer_.erase(0, n);
                return message;
            }
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return std::nullopt;
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
        if (kind_ == Kind::Udp) {
            sockaddr_in from{};
            socklen_t length = sizeof from;
            const ssize_t n = ::recvfrom(fd_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr *>(&from), &length);
            if (n < 0) return std::nullopt;
            last_source_port_ = ntohs(from.sin_port);
            return std::string{buffer, static_cast<size_t>(n)};
        }
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) return std::nullopt;
        stream_buffer_.append(buffer, static_cast<size_t>(n));
    }
}

std::string headerValue(const std::string &message, const std::string &name) {
    const std::string l = lower(message), key = "\r\n" + lower(name) + ":";
    const size_t at = l.find(key);
    if (at == std::string::npos) return {};
    size_t begin = at + key.size();
    const size_t end = message.find("\r\n", begin);
    while (begin < end && (message[begin] == ' ' || message[begin] == '\t')) ++begin;
    return message.substr(begin, end - begin);
}

int statusCode(const std::string &message) {
    if (message.rfind("SIP/2.0 ", 0) != 0) return 0;
    return std::atoi(message.c_str() + 8);
}

}  // namespace sipline::test
