// The control socket: a Unix stream socket speaking newline-delimited JSON-RPC 2.0 (one request
// per line, one response line per request), served by one thread of its own.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>

#include "control/method_registry.hpp"

namespace sipline::control {

// Every member has an initializer so designated initializers may leave any out without g++'s
// -Wmissing-field-initializers.
struct ControlServerOptions {
    std::string socket_path{};
    unsigned file_mode = 0660;
    std::string group{}; // optional: chown the socket to this group if non-empty
    size_t max_request_bytes = 1 << 20;
    std::chrono::milliseconds idle_timeout = std::chrono::seconds{60};
    size_t max_connections = 64;
};

class ControlServer {
public:
    // The registry must outlive the server; its handlers run on the server's thread.
    ControlServer(const MethodRegistry &registry, ControlServerOptions options);
    ~ControlServer(); // stops
    ControlServer(const ControlServer &) = delete;
    ControlServer &operator=(const ControlServer &) = delete;

    // Creates the parent directory if missing (0755), replaces a stale socket file, binds,
    // applies file_mode and group, and starts the thread. Throws std::runtime_error naming the
    // path on failure ("control socket <path> is in use" when another process listens on it).
    void start();
    // Idempotent: closes the listener and all connections, joins the thread, and unlinks the
    // socket file. Must not be called from a method handler (that is the server's own thread).
    void stop();
    const std::string &path() const;

private:
    struct Runtime;

    const MethodRegistry &registry_;
    ControlServerOptions options_;
    std::unique_ptr<Runtime> runtime_;
    std::thread thread_;
};

}  // namespace sipline::control
