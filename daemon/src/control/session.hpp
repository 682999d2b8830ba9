// One control connection (Unix or TCP): reads request lines, answers each in order, closes when
// idle. Internal to the control server; everything runs on the server's io_context thread.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "control/line_framer.hpp"

namespace sipline::control::detail {

class Session : public std::enable_shared_from_this<Session> {
public:
    // Either kind of stream socket converts to this one.
    using Socket = boost::asio::generic::stream_protocol::socket;
    using OnClosed = std::function<void(Session *)>;
    // The response line to one request line ("" for none): the registry, behind a token over TCP.
    using Answer = std::function<std::string(std::string_view request)>;

    Session(Socket socket, Answer answer, size_t max_request_bytes, std::chrono::milliseconds idle_timeout,
            OnClosed on_closed);

    void start();
    // Answers with one error response (id null) and closes: turns away connections over a limit.
    void reject(std::string_view message);
    void close();

private:
    void serve(); // answer the buffered requests, or read more
    void read();
    void write(std::string response, bool close_after);
    void touch();
    void armTimer();

    Socket socket_;
    boost::asio::steady_timer timer_;
    Answer answer_;
    LineFramer framer_;
    std::chrono::milliseconds idle_timeout_;
    std::chrono::steady_clock::time_point deadline_;
    OnClosed on_closed_;
    std::array<char, 16384> chunk_;
    std::string out_;
    bool closed_ = false;
};

}  // namespace sipline::control::detail
