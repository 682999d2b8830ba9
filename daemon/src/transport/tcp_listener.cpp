#include "transport/tcp_listener.hpp"

#include <boost/asio/socket_base.hpp>
#include <boost/asio/detail/socket_option.hpp>

#include "transport/connection_table.hpp"
#include "util/log.hpp"

namespace sipline::transport {

namespace asio = boost::asio;
using asio::ip::tcp;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

TcpListener::TcpListener(asio::io_context &io, const Endpoint &address, ConnectionTable &table,
                         MessageHandler handler, TcpLimits limits)
    : io_{io}, acceptor_{io}, retry_{io}, refusal_summary_{io}, address_{address}, table_{table}, handler_{std::move(handler)}, limits_{limits} {
    const tcp::endpoint endpoint{address.address, address.port};
    boost::system::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.set_option(ReusePort(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + address.str() + ": " + ec.message());
}

void TcpListener::start() { acceptNext(); }

void TcpListener::close() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    retry_.cancel();
    refusal_summary_.cancel();
}

void TcpListener::acceptNext() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
        if (ec) {
            log::warning("tcp", "accept on ", address_.str(), " failed: ", ec.message(), "; retrying in 100 ms");
            retry_.expires_after(std::chrono::milliseconds{100});
            retry_.async_wait([this](boost::system::error_code wait_ec) {
                if (!wait_ec && acceptor_.is_open()) acceptNext();
            });
            return;
        }
        admit(std::move(socket));
        acceptNext();
    });
}

void TcpListener::admit(tcp::socket socket) {
    auto connection = std::make_shared<TcpConnection>(io_, std::move(socket), address_, table_, handler_, limits_);
    switch (table_.admit(connection)) {
    case ConnectionTable::Admission::Added:
        connection->start();
        return;
    case ConnectionTable::Admission::TableFull:
        noteRefusal(connection->remote(), "core.tcp_max_connections (" + std::to_string(table_.maxConnections()) +
                                              ") reached");
        break;
    case ConnectionTable::Admission::AddressFull:
        noteRefusal(connection->remote(), "core.tcp_max_connections_per_ip (" +
                                              std::to_string(table_.maxPerAddress()) + ") reached for its address");
        break;
    }
    connection->close();
}

void TcpListener::noteRefusal(const Endpoint &remote, std::string_view why) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_refusal_log_ < std::chrono::seconds{1}) {
        if (refusals_unlogged_++ == 0) {
            refusal_summary_.expires_at(last_refusal_log_ + std::chrono::seconds{1});
            refusal_summary_.async_wait([this](boost::system::error_code ec) {
                if (!ec) logUnloggedRefusals();
            });
        }
        return;
    }
    log::warning("tcp", "refusing connection from ", remote.str(), " on ", address_.str(), ": ", why);
    last_refusal_log_ = now;
}

void TcpListener::logUnloggedRefusals() {
    if (refusals_unlogged_ == 0) return;
    log::warning("tcp", "refused ", refusals_unlogged_, " more connection(s) on ", address_.str(),
                 " in the last second (limits reached)");
    refusals_unlogged_ = 0;
    last_refusal_log_ = std::chrono::steady_clock::now();
}

}  // namespace sipline::transport
