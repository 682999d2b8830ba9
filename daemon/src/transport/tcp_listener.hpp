// Accepts TCP connections on one listen address for one worker. Every worker has its own
// acceptor on the same port (SO_REUSEPORT), so the kernel spreads connections over workers.
#pragma once

#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

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
    void admit(boost::asio::ip::tcp::socket socket);
    // A flood of refused connections logs one line per second with a count, not one each.
    void noteRefusal(const Endpoint &remote, std::string_view why);

    boost::asio::io_context &io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_; // accept failed (out of descriptors): wait, do not spin
    void logUnloggedRefusals();
    boost::asio::steady_timer refusal_summary_; // logs the count of refusals not logged one by one
    std::chrono::steady_clock::time_point last_refusal_log_{};
    size_t refusals_unlogged_ = 0;
    Endpoint address_;
    ConnectionTable &table_;
    MessageHandler handler_;
    TcpLimits limits_;
};

}  // namespace sipline::transport
