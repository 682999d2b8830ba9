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
    void accept();
    void shutdown();

    const MethodRegistry &registry;
    const ControlServerOptions &options;
    asio::io_context io;
    stream::acceptor acceptor{io};
    asio::steady_timer retry{io};
    std::unordered_map<detail::Session *, std::shared_ptr<detail::Session>> sessions;
    ino_t inode = 0;
};

void ControlServer::Runtime::listen() {
    acceptor.open(stream{});
    setCloseOnExec(acceptor.native_handle());
    acceptor.bind(stream::endpoint{options.socket_path});
    acceptor.listen(asio::socket_base::max_listen_connections);
}

void ControlServer::Runtime::accept() {
    acceptor.async_accept([this](boost::system::error_code ec, stream::socket socket) {
        if (!acceptor.is_open()) return;
        if (ec) {
            // E.g. out of file descriptors: back off instead of spinning on the error.
            retry.expires_after(std::chrono::milliseconds{100});
            retry.async_wait([this](boost::system::error_code wait_ec) {
                if (!wait_ec && acceptor.is_open()) accept();
            });
            return;
        }
        setCloseOnExec(socket.native_handle());
        auto session = std::make_shared<detail::Session>(
            std::move(socket), registry, options.max_request_bytes, options.idle_timeout,
            [this](detail::Session *closed) { sessions.erase(closed); });
        if (sessions.size() >= options.max_connections) {
            session->reject("too many control connections");
        } else {
            sessions.emplace(session.get(), session);
            session->start();
        }
        accept();
    });
}

void ControlServer::Runtime::shutdown() {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    retry.cancel();
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
        runtime->accept();
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
