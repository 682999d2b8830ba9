#include "control/control_server.hpp"

#include <fcntl.h>
#include <sys/un.h>

#include <stdexcept>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "control/session.hpp"
#include "control/socket_file.hpp"
#include "control/token_gate.hpp"

namespace sipline::control {
namespace asio = boost::asio;
using stream = asio::local::stream_protocol;

namespace {
// Asio does not open sockets close-on-exec; children of the daemon must not inherit them.
void setCloseOnExec(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }
}  // namespace

// Everything owned by the server's thread. Declaration order matters: the io_context is
// destroyed last, after the sockets that use it.
struct ControlServer::Runtime {
    Runtime(const MethodRegistry &registry, const ControlServerOptions &options)
        : registry{registry}, options{options} {}

    void listen();
    void listenTcp();
    void accept();
    void acceptTcp();
    void serve(detail::Session::Socket socket, detail::Session::Answer answer);
    void shutdown();

    const MethodRegistry &registry;
    const ControlServerOptions &options;
    std::optional<TokenGate> gate; // with the TCP listener
    asio::io_context io;
    stream::acceptor acceptor{io};
    asio::ip::tcp::acceptor tcp_acceptor{io};
    asio::steady_timer retry{io};
    asio::steady_timer tcp_retry{io};
    std::unordered_map<detail::Session *, std::shared_ptr<detail::Session>> sessions;
    ino_t inode = 0;
};

void ControlServer::Runtime::listen() {
    acceptor.open(stream{});
    setCloseOnExec(acceptor.native_handle());
    acceptor.bind(stream::endpoint{options.socket_path});
    acceptor.listen(asio::socket_base::max_listen_connections);
}

void ControlServer::Runtime::listenTcp() {
    const auto &at = *options.tcp_listen;
    gate.emplace(registry, options.tcp_token);
    try {
        tcp_acceptor.open(at.protocol());
        setCloseOnExec(tcp_acceptor.native_handle());
        tcp_acceptor.set_option(asio::socket_base::reuse_address(true));
        tcp_acceptor.bind(at);
        tcp_acceptor.listen(asio::socket_base::max_listen_connections);
    } catch (const boost::system::system_error &e) {
        throw std::runtime_error{"control listener tcp:" + at.address().to_string() + ":" + std::to_string(at.port()) +
                                 ": cannot listen: " + e.code().message()};
    }
}

// After an accept error (e.g. out of file descriptors): back off instead of spinning on it.
template <class Acceptor, class Again> void retryLater(asio::steady_timer &timer, Acceptor &acceptor, Again again) {
    timer.expires_after(std::chrono::milliseconds{100});
    timer.async_wait([&acceptor, again](boost::system::error_code wait_ec) {
        if (!wait_ec && acceptor.is_open()) again();
    });
}

void ControlServer::Runtime::serve(detail::Session::Socket socket, detail::Session::Answer answer) {
    auto session = std::make_shared<detail::Session>(
        std::move(socket), std::move(answer), options.max_request_bytes, options.idle_timeout,
        [this](detail::Session *closed) { sessions.erase(closed); });
    if (sessions.size() >= options.max_connections) {
        session->reject("too many control connections");
    } else {
        sessions.emplace(session.get(), session);
        session->start();
    }
}

void ControlServer::Runtime::accept() {
    acceptor.async_accept([this](boost::system::error_code ec, stream::socket socket) {
        if (!acceptor.is_open()) return;
        if (ec) return retryLater(retry, acceptor, [this] { accept(); });
        setCloseOnExec(socket.native_handle());
        serve(detail::Session::Socket{std::move(socket)},
              [this](std::string_view request) { return registry.handle(request); });
        accept();
    });
}

void ControlServer::Runtime::acceptTcp() {
    tcp_acceptor.async_accept([this](boost::system::error_code ec, asio::ip::tcp::socket socket) {
        if (!tcp_acceptor.is_open()) return;
        if (ec) return retryLater(tcp_retry, tcp_acceptor, [this] { acceptTcp(); });
        setCloseOnExec(socket.native_handle());
        boost::system::error_code peer_ec;
        const auto peer = socket.remote_endpoint(peer_ec);
        const std::string from = peer_ec ? "?" : peer.address().to_string() + ":" + std::to_string(peer.port());
        serve(detail::Session::Socket{std::move(socket)}, [this, from](std::string_view request) {
            bool refused = false;
            std::string response = gate->handle(request, &refused);
            if (refused && options.on_unauthorized) options.on_unauthorized(from);
            return response;
        });
        acceptTcp();
    });
}

void ControlServer::Runtime::shutdown() {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    tcp_acceptor.close(ignored);
    retry.cancel();
    tcp_retry.cancel();
    auto open = sessions; // close() erases from the map
    for (auto &entry : open) entry.second->close();
    io.stop();
}

ControlServer::ControlServer(const MethodRegistry &registry, ControlServerOptions options)
    : registry_{registry}, options_{std::move(options)} {}

ControlServer::~ControlServer() { stop(); }

const std::string &ControlServer::path() const { return options_.socket_path; }

void ControlServer::start() {
    if (runtime_) throw std::logic_error{"control server already started"};
    const std::string &path = options_.socket_path;
    if (path.empty()) throw std::runtime_error{"control socket path is empty"};
    if (options_.tcp_listen && options_.tcp_token.empty())
        throw std::invalid_argument{"control TCP listener without a token"};
    if (path.size() >= sizeof(sockaddr_un::sun_path))
        throw std::runtime_error{"control socket " + path + ": path too long (at most " +
                                 std::to_string(sizeof(sockaddr_un::sun_path) - 1) + " bytes)"};

    socket_file::ensureParentDirectory(path);
    socket_file::removeStale(path);
    auto runtime = std::make_unique<Runtime>(registry_, options_);
    try {
        runtime->listen();
    } catch (const boost::system::system_error &e) {
        throw std::runtime_error{"control socket " + path + ": cannot listen: " +
                                 e.code().message()};
    }
    runtime->inode = socket_file::inodeOf(path);
    try {
        socket_file::applyPermissions(path, options_.file_mode, options_.group);
        if (options_.tcp_listen) runtime->listenTcp();
        runtime->accept();
        if (options_.tcp_listen) runtime->acceptTcp();
        thread_ = std::thread{[io = &runtime->io] {
            for (;;) {
                try {
                    io->run();
                    return;
                } catch (...) { // never let one bad request take the control thread down
                }
            }
        }};
    } catch (...) {
        socket_file::unlinkIfSame(path, runtime->inode);
        throw;
    }
    runtime_ = std::move(runtime);
}

void ControlServer::stop() {
    if (!runtime_) return;
    if (thread_.get_id() == std::this_thread::get_id())
        throw std::logic_error{"ControlServer::stop() called from a control method"};
    asio::post(runtime_->io, [runtime = runtime_.get()] { runtime->shutdown(); });
    if (thread_.joinable()) thread_.join();
    socket_file::unlinkIfSame(options_.socket_path, runtime_->inode);
    runtime_.reset();
}

}  // namespace sipline::control
