#include "transport/tcp_connection.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "transport/connection_table.hpp"
#include "util/log.hpp"

namespace sipline::transport {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
Endpoint toEndpoint(const tcp::endpoint &e) { return Endpoint{Proto::Tcp, e.address(), e.port()}; }
}  // namespace

TcpConnection::TcpConnection(asio::io_context &io, tcp::socket socket, Endpoint local, ConnectionTable &table,
                             MessageHandler handler, TcpLimits limits)
    : io_{io}, socket_{std::move(socket)}, idle_timer_{io}, message_timer_{io}, local_{std::move(local)}, table_{table},
      handler_{std::move(handler)}, limits_{limits}, framer_{limits.max_message_bytes}, connected_{true},
      id_{table.nextId()} {
    boost::system::error_code ec;
    auto peer = socket_.remote_endpoint(ec);
    if (!ec) remote_ = toEndpoint(peer);
}

TcpConnection::TcpConnection(asio::io_context &io, Endpoint local, Endpoint remote, ConnectionTable &table,
                             MessageHandler handler, TcpLimits limits)
    : io_{io}, socket_{io}, idle_timer_{io}, message_timer_{io}, local_{std::move(local)}, remote_{std::move(remote)}, table_{table},
      handler_{std::move(handler)}, limits_{limits}, framer_{limits.max_message_bytes}, id_{table.nextId()} {}

TcpConnection::~TcpConnection() = default;

void TcpConnection::start() {
    armIdleTimer();
    readMore();
}

void TcpConnection::connect() {
    auto self = shared_from_this();
    socket_.async_connect(tcp::endpoint{remote_.address, remote_.port}, [self](boost::system::error_code ec) {
        if (ec) {
            log::warning("tcp", "connect to ", self->remote_.str(), " failed: ", ec.message());
            self->close();
            return;
        }
        self->connected_ = true;
        self->armIdleTimer();
        self->readMore();
        self->writeNext();
    });
}

void TcpConnection::send(std::string bytes) {
    auto self = shared_from_this();
    asio::post(io_, [self, bytes = std::move(bytes)]() mutable {
        if (self->closed_) return;
        self->write_queue_.push_back(std::move(bytes));
        if (self->connected_ && !self->writing_) self->writeNext();
    });
}

void TcpConnection::writeNext() {
    if (write_queue_.empty() || closed_) {
        writing_ = false;
        return;
    }
    writing_ = true;
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(write_queue_.front()), [self](boost::system::error_code ec, size_t) {
        if (ec) {
            log::debug("tcp", "write to ", self->remote_.str(), " failed: ", ec.message());
            self->close();
            return;
        }
        self->write_queue_.pop_front();
        self->writeNext();
    });
}

void TcpConnection::readMore() {
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(read_buffer_), [self](boost::system::error_code ec, size_t length) {
        if (ec) {
            self->close();
            return;
        }
        self->onData(length);
    });
}

void TcpConnection::onData(size_t length) {
    armIdleTimer();
    framer_.append(std::string_view{read_buffer_.data(), length});
    ReceiveInfo rx{remote_, local_, id_};
    bool completed = false;
    for (;;) {
        std::string_view message, reason;
        const auto status = framer_.next(message, reason);
        if (status == sip::StreamFramer::Status::NeedMore) break;
        if (status == sip::StreamFramer::Status::Error) {
            if (reason == "message too large")
                log::info("tcp", "closing connection from ", remote_.str(), ": message too large (core.max_message_bytes ",
                          limits_.max_message_bytes, ")");
            else
                log::info("tcp", "closing connection from ", remote_.str(), ": ", reason);
            close();
            return;
        }
        completed = true;
        handler_(message, rx);
        if (closed_) return;
    }
    trackPartialMessage(completed);
    readMore();
}

void TcpConnection::trackPartialMessage(bool message_completed) {
    if (framer_.buffered() == 0) {
        if (message_pending_) message_timer_.cancel();
        message_pending_ = false;
        return;
    }
    if (message_pending_ && !message_completed) return; // the same message goes on
    message_pending_ = true;
    message_timer_.expires_after(std::chrono::seconds{limits_.message_timeout_s});
    std::weak_ptr<TcpConnection> weak = shared_from_this();
    message_timer_.async_wait([weak](boost::system::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock(); self && self->message_pending_) {
            log::info("tcp", "closing connection from ", self->remote_.str(), ": message incomplete after ",
                      self->limits_.message_timeout_s, " s (core.tcp_message_timeout)");
            self->close();
        }
    });
}

void TcpConnection::armIdleTimer() {
    idle_timer_.expires_after(std::chrono::seconds{limits_.idle_timeout_s});
    std::weak_ptr<TcpConnection> weak = shared_from_this();
    idle_timer_.async_wait([weak](boost::system::error_code ec) {
        if (ec) return;
        if (auto self = weak.lock()) {
            log::debug("tcp", "closing idle connection ", self->remote_.str());
            self->close();
        }
    });
}

void TcpConnection::close() {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ignored;
    idle_timer_.cancel();
    message_timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    table_.remove(id_, remote_);
}

}  // namespace sipline::transport
