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
    : io_{io}, acceptor_{io}, address_{address}, table_{table}, handler_{std::move(handler)}, limits_{limits} {
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
}

void TcpListener::acceptNext() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted) return;
        if (!ec) {
            auto connection = std::make_shared<TcpConnection>(io_, std::move(socket), address_, table_, handler_, limits_);
            if (!table_.add(connection)) {
                log::warning("tcp", "connection limit reached; refusing ", connection->remote().str());
                connection->close();
            } else {
                connection->start();
            }
        } else {
            log::warning("tcp", "accept on ", address_.str(), " failed: ", ec.message());
        }
        acceptNext();
    });
}

}  // namespace sipline::transport
