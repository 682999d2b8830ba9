// One TCP connection, inbound or outbound, owned by one worker's io_context. Frames the byte
// stream into SIP messages by Content-Length and hands each to the worker.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "sip/stream_framer.hpp"
#include "transport/receive_info.hpp"

namespace sipline::transport {

class ConnectionTable;

struct TcpLimits {
    size_t max_message_bytes = 65535;
    unsigned idle_timeout_s = 600;
    // A message's first byte to its last: a peer trickling a message (slow loris) is cut off.
    unsigned message_timeout_s = 10;
};

using MessageHandler = std::function<void(std::string_view message, const ReceiveInfo &rx)>;

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
public:
    TcpConnection(boost::asio::io_context &io, boost::asio::ip::tcp::socket socket, Endpoint local,
                  ConnectionTable &table, MessageHandler handler, TcpLimits limits);
    // Outbound: not connected yet; connect() first.
    TcpConnection(boost::asio::io_context &io, Endpoint local, Endpoint remote, ConnectionTable &table,
                  MessageHandler handler, TcpLimits limits);
    ~TcpConnection();

    void start();   // inbound: begin reading
    void connect(); // outbound: connect, then read and flush what was queued
    // [any thread] Queue bytes to send; posted to the owning io_context.
    void send(std::string bytes);
    void close();

    uint64_t id() const noexcept { return id_; }
    const Endpoint &remote() const noexcept { return remote_; }

private:
    void readMore();
    void onData(size_t length);
    void writeNext();
    void armIdleTimer();
    // Runs the message timer while a message is partly received, restarting it per message.
    void trackPartialMessage(bool message_completed);

    boost::asio::io_context &io_;
    boost::asio::ip::tcp::socket socket_;
    boost::asio::steady_timer idle_timer_;
    boost::asio::steady_timer message_timer_;
    bool message_pending_ = false;
    Endpoint local_, remote_;
    ConnectionTable &table_;
    MessageHandler handler_;
    TcpLimits limits_;
    sip::StreamFramer framer_;
    std::array<char, 16384> read_buffer_{};
    std::deque<std::string> write_queue_;
    bool connected_ = false, writing_ = false, closed_ = false;
    uint64_t id_;
};

}  // namespace sipline::transport
