// A bare TCP client for the abuse tests: connects from a chosen loopback address, sends any
// bytes (partial messages, oversized headers), and tells whether the daemon closed it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipline::test {

class RawTcp {
public:
    // Connects 127.0.0.1:port from source_ip (any 127.x address is local in the test namespace).
    explicit RawTcp(uint16_t port, const std::string &source_ip = "127.0.0.1") {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        ::inet_pton(AF_INET, source_ip.c_str(), &from.sin_addr);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr *>(&from), sizeof from) == 0 &&
                     ::connect(fd_, reinterpret_cast<sockaddr *>(&to), sizeof to) == 0;
    }
    ~RawTcp() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawTcp(const RawTcp &) = delete;
    RawTcp &operator=(const RawTcp &) = delete;

    bool connected() const noexcept { return connected_; }

    bool send(const std::string &bytes) {
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<size_t>(n);
        }
        return true;
    }

    // True when the peer closed the connection (EOF or reset) within the timeout; any data
    // that arrives first is kept in received().
    bool closedWithin(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            pollfd entry{fd_, POLLIN, 0};
            if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) continue;
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno == ECONNRESET)) return true;
            if (n > 0) received_.append(buffer, static_cast<size_t>(n));
        }
    }

    // The first complete SIP response (header block only; these tests' replies have no body),
    // or nullopt after the timeout or when the connection closed.
    std::optional<std::string> receiveReply(std::chrono::milliseconds timeout) {
        return receiveThrough("\r\n\r\n", true, timeout);
    }

    // The next '\n'-terminated line (without it), or nullopt after the timeout or on close.
    std::optional<std::string> receiveLine(std::chrono::milliseconds timeout) {
        return receiveThrough("\n", false, timeout);
    }

    const std::string &received() const noexcept { return received_; }

private:
    // Bytes up to the next `delimiter` (with it when keep_delimiter), reading as needed; nullopt
    // after the timeout or when the connection closed.
    std::optional<std::string> receiveThrough(std::string_view delimiter, bool keep_delimiter,
                                              std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (const size_t end = received_.find(delimiter); end != std::string::npos) {
                std::string taken = received_.substr(0, keep_delimiter ? end + delimiter.size() : end);
                received_.erase(0, end + delimiter.size());
                return taken;
            }
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return std::nullopt;
            pollfd entry{fd_, POLLIN, 0};
            if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) continue;
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return std::nullopt;
            received_.append(buffer, static_cast<size_t>(n));
        }
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string received_;
};

}  // namespace sipline::test
