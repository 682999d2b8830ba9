// A redis-server for the cluster tests: started by the test on 127.0.0.1 and a free port (in
// the test's network namespace), without persistence, so kill() followed by start() is a
// Redis that crashed and came back empty.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "daemon_process.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace sipline::test {

class ClusterRedis {
public:
    ClusterRedis() : port_{freePort()} { start(); }
    ~ClusterRedis() { kill(); }

    uint16_t port() const noexcept { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }

    // True once it answers PING (within 5 s).
    bool start() {
        server_ = std::make_unique<Process>(
            std::vector<std::string>{"/usr/bin/redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                     "--save", "", "--appendonly", "no"},
            dir_.file("redis.log").string());
        for (int i = 0; i < 100; ++i) {
            if (answers()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
        return false;
    }
    void kill() {
        if (server_) server_->stop(9, std::chrono::seconds{5});
        server_.reset();
    }

    bool answers() const {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port_);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = false;
        if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
            timeval timeout{1, 0};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            const char ping[] = "PING\r\n";
            char answer[8] = {};
            ok = write(fd, ping, sizeof ping - 1) == sizeof ping - 1 && read(fd, answer, 5) == 5 &&
                 std::string{answer, 5} == "+PONG";
        }
        close(fd);
        return ok;
    }

private:
    TempDir dir_;
    uint16_t port_;
    std::unique_ptr<Process> server_;
};

}  // namespace sipline::test
