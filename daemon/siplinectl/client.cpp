#include "siplinectl/client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sipline::ctl {
namespace {
using Clock = std::chrono::steady_clock;

class Fd {
public:
    explicit Fd(int fd) : fd_{fd} {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

timeval toTimeval(std::chrono::milliseconds ms) {
    return timeval{static_cast<time_t>(ms.count() / 1000),
                   static_cast<suseconds_t>(ms.count() % 1000 * 1000)};
}

// Waits for events until the deadline; false on timeout.
bool waitFor(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        pollfd entry{fd, events, 0};
        const int rc = ::poll(&entry, 1, static_cast<int>(left.count()));
        if (rc > 0) return true;
        if (rc < 0 && errno != EINTR) throw TransportError{std::strerror(errno)};
    }
}

void connectTo(int fd, const std::string &path, std::chrono::milliseconds timeout) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) throw ConnectError{"path too long"};
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    // A Unix-socket connect blocks only on a full backlog, and then honours SO_SNDTIMEO.
    const timeval limit = toTimeval(timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    int rc;
    do {
        rc = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) throw ConnectError{errno == EAGAIN ? "timed out" : std::strerror(errno)};
}

// Stops quietly when the server closed the connection early (e.g. "request too large"): its
// answer is still readable then.
void sendAll(int fd, std::string_view data, Clock::time_point deadline) {
    while (!data.empty()) {
        if (!waitFor(fd, POLLOUT, deadline)) throw TransportError{"timed out sending the request"};
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            data.remove_prefix(static_cast<size_t>(n));
        } else if (errno == EPIPE || errno == ECONNRESET) {
            return;
        } else if (errno != EAGAIN && errno != EINTR) {
            throw TransportError{std::string{"sending the request: "} + std::strerror(errno)};
        }
    }
}

std::string receiveLine(int fd, Clock::time_point deadline) {
    std::string response;
    char chunk[65536];
    for (;;) {
        if (!waitFor(fd, POLLIN, deadline)) throw TransportError{"timed out waiting for the answer"};
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0) {
            const size_t before = response.size();
            response.append(chunk, static_cast<size_t>(n));
            if (const size_t eol = response.find('\n', before); eol != std::string::npos) {
                response.resize(eol);
                return response;
            }
        } else if (n == 0) {
            if (response.empty()) throw TransportError{"connection closed without an answer"};
            return response;
        } else if (errno != EAGAIN && errno != EINTR) {
            if (errno == ECONNRESET && !response.empty()) return response;
            throw TransportError{std::string{"reading the answer: "} + std::strerror(errno)};
        }
    }
}
}  // namespace

namespace {
// "127.0.0.1:9000" or "[::1]:9000" as a socket address; its length, 0 when malformed.
socklen_t parseHostPort(const std::string &text, sockaddr_storage &out) {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 >= text.size()) return 0;
    std::string host = text.substr(0, colon);
    const std::string port_text = text.substr(colon + 1);
    unsigned port = 0;
    for (char c : port_text) {
        if (c < '0' || c > '9' || port > 65535) return 0;
        port = port * 10 + static_cast<unsigned>(c - '0');
    }
    if (port == 0 || port > 65535) return 0;
    out = {};
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        auto &v6 = reinterpret_cast<sockaddr_in6 &>(out);
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(static_cast<uint16_t>(port));
        return ::inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &v6.sin6_addr) == 1 ? sizeof v6 : 0;
    }
    auto &v4 = reinterpret_cast<sockaddr_in &>(out);
    v4.sin_family = AF_INET;
    v4.sin_port = htons(static_cast<uint16_t>(port));
    return ::inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1 ? sizeof v4 : 0;
}

// A non-blocking connect bounded by the deadline.
void connectTcp(int fd, const sockaddr_storage &address, socklen_t length, Clock::time_point deadline) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), length) == 0) return;
    if (errno != EINPROGRESS) throw ConnectError{std::strerror(errno)};
    if (!waitFor(fd, POLLOUT, deadline)) throw ConnectError{"timed out"};
    int error = 0;
    socklen_t size = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size);
    if (error != 0) throw ConnectError{std::strerror(error)};
}
}  // namespace

std::string exchangeTcp(const std::string &host_port, std::string_view request,
                        std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    sockaddr_storage address{};
    const socklen_t length = parseHostPort(host_port, address);
    if (length == 0) throw ConnectError{"not an IP:PORT address"};
    Fd fd{::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)};
    if (fd.get() < 0) throw ConnectError{std::strerror(errno)};
    connectTcp(fd.get(), address, length, deadline);
    std::string line{request};
    line.push_back('\n');
    sendAll(fd.get(), line, deadline);
    return receiveLine(fd.get(), deadline);
}

std::string exchange(const std::string &socket_path, std::string_view request,
                     std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    Fd fd{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
    if (fd.get() < 0) throw ConnectError{std::strerror(errno)};
    connectTo(fd.get(), socket_path, timeout);
    std::string line{request};
    line.push_back('\n');
    sendAll(fd.get(), line, deadline);
    return receiveLine(fd.get(), deadline);
}

}  // namespace sipline::ctl
