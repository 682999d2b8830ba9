// Helpers shared by the control tests: a private temp directory, a raw control-socket client,
// and running a program with its output captured.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipline::control::test {

// mkdtemp under /tmp, removed recursively on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const std::string &path() const { return path_; }
    std::string file(const std::string &name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

// A blocking Unix-socket client with a receive timeout.
class Client {
public:
    explicit Client(const std::string &socket_path); // throws std::runtime_error
    explicit Client(uint16_t tcp_port);              // 127.0.0.1:tcp_port; throws too
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    void send(const std::string &bytes); // throws on failure
    // Next '\n'-terminated line (without it); nullopt on EOF or timeout.
    std::optional<std::string> readLine(std::chrono::milliseconds timeout = std::chrono::seconds{5});
    // True when the server closed the connection (EOF) within the timeout, after any data.
    bool closedByPeer(std::chrono::milliseconds timeout = std::chrono::seconds{5});
    void shutdownWrite();

private:
    int fd_;
    std::string buffer_;
};

struct ProcessResult {
    int exit_code = -1; // -1 when killed by a signal
    std::string out;
    std::string err;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
uint16_t freeTcpPort();

// Runs program with args (no shell), capturing stdout and stderr.
ProcessResult run(const std::string &program, const std::vector<std::string> &args);

void writeFile(const std::string &path, const std::string &content);

}  // namespace sipline::control::test
