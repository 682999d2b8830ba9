#include "core/worker.hpp"

#include <boost/asio/detail/socket_option.hpp>
#include <boost/asio/post.hpp>

#include "util/log.hpp"

namespace sipline::core {

namespace asio = boost::asio;
using asio::ip::udp;
using transport::Endpoint;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

Worker::Worker(unsigned index, const Runtime &runtime)
    : index_{index}, runtime_{runtime}, processor_{runtime, *this, stats_} {
    auto handler = [this](std::string_view bytes, const transport::ReceiveInfo &rx) { onMessage(bytes, rx); };
    for (const Endpoint &address : runtime.listen) {
        if (address.proto == transport::Proto::Tcp) {
            tcp_.push_back(std::make_unique<transport::TcpListener>(io_, address, *runtime.connections, handler,
                                                                    runtime.tcp_limits));
            continue;
        }
        auto udp_socket = std::make_unique<UdpSocket>(io_);
        udp_socket->local = address;
        const udp::endpoint endpoint{address.address, address.port};
        boost::system::error_code ec;
        udp_socket->socket.open(endpoint.protocol(), ec);
        if (!ec) udp_socket->socket.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) udp_socket->socket.set_option(ReusePort(true), ec);
        if (!ec) udp_socket->socket.set_option(asio::socket_base::receive_buffer_size(4 << 20), ec);
        if (ec) ec = {}; // a smaller receive buffer is not fatal
        udp_socket->socket.bind(endpoint, ec);
        if (!ec) udp_socket->socket.non_blocking(true, ec);
        if (ec) throw std::runtime_error("cannot listen on " + address.str() + ": " + ec.message());
        udp_.push_back(std::move(udp_socket));
    }
}

Worker::~Worker() { stop(); }

void Worker::start() {
    for (auto &udp_socket : udp_) receiveNext(*udp_socket);
    for (auto &listener : tcp_) listener->start();
    thread_ = std::thread{[this] {
        try {
            io_.run();
        } catch (const std::exception &e) {
            log::error("core", "worker ", index_, " stopped: ", e.what());
        }
    }};
}

void Worker::stop() {
    io_.stop();
    if (thread_.joinable()) thread_.join();
}

void Worker::receiveNext(UdpSocket &s) {
    // Wait for readability, then drain what is queued with non-blocking reads: under load one
    // wakeup serves a batch of datagrams instead of one epoll round trip per datagram.
    s.socket.async_wait(udp::socket::wait_read, [this, &s](boost::system::error_code ec) {
        if (ec == asio::error::operation_aborted) return;
        for (int batch = 0; !ec && batch < kUdpBatch; ++batch) {
            const size_t n = s.socket.receive_from(asio::buffer(s.buffer), s.sender, 0, ec);
            if (ec) break;
            transport::ReceiveInfo rx{Endpoint{transport::Proto::Udp, s.sender.address(), s.sender.port()}, s.local, 0};
            onMessage(std::string_view{s.buffer.data(), n}, rx);
        }
        if (ec && ec != asio::error::would_block && ec != asio::error::try_again)
            log::debug("udp", "receive on ", s.local.str(), " failed: ", ec.message());
        receiveNext(s);
    });
}

void Worker::post(std::function<void(Sender &)> fn) {
    asio::post(io_, [this, fn = std::move(fn)] { fn(*this); });
}

void Worker::post(std::function<void(MessageProcessor &)> fn) {
    asio::post(io_, [this, fn = std::move(fn)] { fn(processor_); });
}

bool Worker::sendUdp(const Endpoint &local, const Endpoint &to, std::string_view bytes) {
    UdpSocket *chosen = nullptr;
    for (auto &s : udp_) {
        if (s->local == local) {
            chosen = s.get();
            break;
        }
        if (!chosen && s->local.address.is_v4() == to.address.is_v4()) chosen = s.get();
    }
    if (!chosen) return false;
    boost::system::error_code ec;
    chosen->socket.send_to(asio::buffer(bytes.data(), bytes.size()), udp::endpoint{to.address, to.port}, 0, ec);
    if (ec) log::debug("udp", "send to ", to.str(), " failed: ", ec.message());
    return !ec;
}

bool Worker::sendTcp(uint64_t connection_id, const Endpoint &to, std::string bytes) {
    std::shared_ptr<transport::TcpConnection> connection;
    if (connection_id) connection = runtime_.connections->byId(connection_id);
    if (!connection) connection = runtime_.connections->byRemote(to);
    if (!connection) {
        const Endpoint *local = nullptr;
        for (const auto &l : runtime_.listen)
            if (l.proto == transport::Proto::Tcp && l.address.is_v4() == to.address.is_v4()) local = &l;
        if (!local) return false;
        connection = std::make_shared<transport::TcpConnection>(
            io_, *local, to, *runtime_.connections,
            [this](std::string_view message, const transport::ReceiveInfo &rx) { onMessage(message, rx); },
            runtime_.tcp_limits);
        if (!runtime_.connections->add(connection)) return false;
        connection->connect();
    }
    connection->send(std::move(bytes));
    return true;
}

}  // namespace sipline::core
