// A throw-away redis-server for tests: on 127.0.0.1 and a free port (inside the test's network
// namespace when it has one), no persistence, killed at the end. stop() then start() on the
// same port is a Redis that crashed and came back empty, as one without persistence does.
// Header-only: the plugin unit tests use it as well as the end-to-end cluster tests.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace sipline::test {

class RedisServer {
public:
    RedisServer() : port_{freeTcpPort()} { start(); }
    ~RedisServer() { stop(); }
    RedisServer(const RedisServer &) = delete;
    RedisServer &operator=(const RedisServer &) = delete;

    uint16_t port() const noexcept { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }

    // True once the server answers PING (within 5 s).
    bool start() {
        const std::string port = std::to_string(port_);
        pid_ = fork();
        if (pid_ == 0) {
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            execl("/usr/bin/redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1", "--save",
                  "", "--appendonly", "no", "--loglevel", "warning", static_cast<char *>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 100; ++i) {
            if (answers()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
        return false;
    }

    // SIGKILL: no chance to save anything, like a crash.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    // PING over a plain socket: the tests need no Redis client of their own.
    bool answers() const {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        const sockaddr_in address = loopback(port_);
        bool ok = false;
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
            timeval timeout{1, 0};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            const char ping[] = "PING\r\n";
            char answer[5] = {};
            ok = write(fd, ping, sizeof ping - 1) == sizeof ping - 1 && read(fd, answer, 5) == 5 &&
                 std::string_view{answer, 5} == "+PONG";
        }
        close(fd);
        return ok;
    }

private:
    static sockaddr_in loopback(uint16_t port) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return address;
    }
    static uint16_t freeTcpPort() {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address = loopback(0);
        bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
        socklen_t length = sizeof address;
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
        close(fd);
        return ntohs(address.sin_port);
    }

    uint16_t port_;
    pid_t pid_ = -1;
};

}  // namespace sipline::test
