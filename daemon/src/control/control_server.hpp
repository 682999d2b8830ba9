// The control socket: a Unix stream socket speaking newline-delimited JSON-RPC 2.0 (one request
// per line, one response line per request), served by one thread of its own. Optionally the same
// protocol on a TCP address too, where every request must carry the token as "auth".
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/ip/tcp.hpp>

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
    size_t max_connections = 64; // Unix and TCP together
    std::optional<boost::asio::ip::tcp::endpoint> tcp_listen{}; // off unless set
    std::string tcp_token{};    // required when tcp_listen is set
    // Told the peer ("127.0.0.1:40312") of each TCP request refused for its token (to log it).
    std::function<void(const std::string &peer)> on_unauthorized{};
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
    // With tcp_listen, also binds that address (throws naming it; no token: std::invalid_argument).
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
