// Accepts TCP connections on one listen address for one worker. Every worker has its own
// acceptor on the same port (SO_REUSEPORT), so the kernel spreads connections over workers.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "transport/tcp_connection.hpp"

namespace sipline::transport {

class TcpListener {
public:
    // Throws std::runtime_error naming the address when it cannot bind.
    TcpListener(boost::asio::io_context &io, const Endpoint &address, ConnectionTable &table,
                MessageHandler handler, TcpLimits limits);
    void start();
    void close();

private:
    void acceptNext();
    boost::asio::io_context &io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    Endpoint address_;
    ConnectionTable &table_;
    MessageHandler handler_;
    TcpLimits limits_;
};

}  // namespace sipline::transport
