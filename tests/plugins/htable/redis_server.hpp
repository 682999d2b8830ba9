// A throw-away redis-server for tests: on 127.0.0.1 and a free port, no persistence, killed
// at the end. stop() and start() again on the same port act as a Redis restart that lost
// its data (what a crash without persistence does).
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include <hiredis/hiredis.h>

namespace htable_test {

class RedisServer {
public:
    RedisServer() : port_{freeTcpPort()} { start(); }
    ~RedisServer() { stop(); }
    RedisServer(const RedisServer &) = delete;
    RedisServer &operator=(const RedisServer &) = delete;

    int port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }
    bool running() const { return pid_ > 0; }

    // True once the server answers PING (within 5 s).
    bool start() {
        const std::string port = std::to_string(port_);
        pid_ = fork();
        if (pid_ == 0) {
            freopen("/dev/null", "w", stdout);
            freopen("/dev/null", "w", stderr);
            execl("/usr/bin/redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1",
                  "--save", "", "--appendonly", "no", "--loglevel", "warning", static_cast<char *>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 100; ++i) {
            if (answers()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
        return false;
    }
    void stop() {
        if (pid_ <= 0) return;
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    bool answers() const {
        redisContext *context = redisConnectWithTimeout("127.0.0.1", port_, timeval{0, 200000});
        bool ok = false;
        if (context && !context->err) {
            auto *reply = static_cast<redisReply *>(redisCommand(context, "PING"));
            ok = reply && reply->type == REDIS_REPLY_STATUS;
            if (reply) freeReplyObject(reply);
        }
        if (context) redisFree(context);
        return ok;
    }

private:
    static int freeTcpPort() {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
        socklen_t length = sizeof address;
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
        close(fd);
        return ntohs(address.sin_port);
    }

    int port_;
    pid_t pid_ = -1;
};

}  // namespace htable_test
