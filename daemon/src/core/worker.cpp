#include "core/worker.hpp"

#include <time.h>

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
        if (!ec) {
            // 4 MiB rides out bursts; beyond net.core.rmem_max only with CAP_NET_ADMIN (FORCE).
            // A smaller buffer is not fatal: the kernel then drops sooner.
            const int bytes = 4 << 20;
            if (::setsockopt(udp_socket->socket.native_handle(), SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) != 0)
                udp_socket->socket.set_option(asio::socket_base::receive_buffer_size(bytes), ec);
            ec = {};
        }
        udp_socket->socket.bind(endpoint, ec);
        if (!ec) udp_socket->socket.non_blocking(true, ec);
        if (ec) throw std::runtime_error("cannot listen on " + address.str() + ": " + ec.message());
        if (runtime.overload.max_queue_delay_ms && !udp_socket->received.enableArrivalTimes(udp_socket->socket.native_handle()))
            log::warning("core", "no arrival times on ", address.str(), ": overload shedding is off there");
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
    // Wait for readability, then drain what is queued with recvmmsg; what the messages make us
    // send goes out with one sendmmsg per socket after each read. Under load one wakeup serves
    // many datagrams with a handful of system calls.
    s.socket.async_wait(udp::socket::wait_read, [this, &s](boost::system::error_code ec) {
        if (ec == asio::error::operation_aborted) return;
        for (int read = 0; read < kUdpReadsPerWakeup; ++read) {
            const int n = s.received.receive(s.socket.native_handle());
            timespec now{};
            if (n > 0 && runtime_.overload.max_queue_delay_ms) ::clock_gettime(CLOCK_REALTIME, &now);
            batching_ = true;
            for (int i = 0; i < n; ++i) {
                const transport::ReceiveInfo rx{s.received.source(i), s.local, 0};
                processor_.handle(s.received.datagram(i), rx, overloaded(s.received.queuedMs(i, now)));
            }
            batching_ = false;
            flushOutgoing();
            if (n < int(transport::UdpReceiveBatch::kSize)) break; // drained
        }
        receiveNext(s);
    });
}

bool Worker::overloaded(int64_t queued_ms) {
    const unsigned limit = runtime_.overload.max_queue_delay_ms;
    // Hysteresis: shedding starts above the limit and stops below half of it, so a worker at
    // the edge does not flip on every datagram.
    const bool behind = limit && queued_ms > int64_t(shedding_ ? limit / 2 : limit);
    if (behind != shedding_) {
        // Once per episode, not per message: the log must not add to the overload.
        if (behind)
            log::warning("core", "worker ", index_, " overloaded: datagrams waited ", queued_ms, " ms (limit ", limit,
                         " ms); new requests get ", runtime_.overload.reply ? "503" : "dropped", " until it catches up");
        else
            log::warning("core", "worker ", index_, " caught up; ",
                         stats_.shed.load(std::memory_order_relaxed) - shed_at_start_, " new requests were shed");
        shed_at_start_ = stats_.shed.load(std::memory_order_relaxed);
        shedding_ = behind;
    }
    return behind;
}

void Worker::flushOutgoing() {
    for (auto &s : udp_) {
        if (s->outgoing.empty()) continue;
        if (const size_t failed = s->outgoing.flush(s->socket.native_handle())) {
            stats_.send_errors.fetch_add(failed, std::memory_order_relaxed);
            log::debug("udp", failed, " datagram(s) from ", s->local.str(), " could not be sent");
        }
    }
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
    if (batching_) {
        chosen->outgoing.add(chosen->socket.native_handle(), to, bytes);
        return true;
    }
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
