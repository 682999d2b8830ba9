// The opt-in Prometheus endpoint: HTTP/1.1 (Boost.Beast) on a loopback address, one thread,
// GET /metrics answered with the page the core renders; anything else 404. A scrape that
// stalls is cut off after a few seconds so it cannot hold the thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace sipline::control {

class MetricsServer {
public:
    using Page = std::function<std::string()>;

    MetricsServer(boost::asio::ip::tcp::endpoint listen, Page page);
    ~MetricsServer();
    MetricsServer(const MetricsServer &) = delete;
    MetricsServer &operator=(const MetricsServer &) = delete;

    // Binds and starts serving; throws std::runtime_error naming the address on failure.
    void start();
    void stop();

private:
    void accept();
    void serve(boost::asio::ip::tcp::socket socket);

    boost::asio::ip::tcp::endpoint listen_;
    Page page_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_{io_};
    std::thread thread_;
};

}  // namespace sipline::control
