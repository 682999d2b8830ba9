#include "control/metrics_server.hpp"

#include <stdexcept>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>


namespace sipline::control {

namespace http = boost::beast::http;
using boost::asio::ip::tcp;

MetricsServer::MetricsServer(tcp::endpoint listen, Page page) : listen_{std::move(listen)}, page_{std::move(page)} {}

MetricsServer::~MetricsServer() { stop(); }

void MetricsServer::start() {
    boost::system::error_code error;
    acceptor_.open(listen_.protocol(), error);
    if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
    if (!error) acceptor_.bind(listen_, error);
    if (!error) acceptor_.listen(16, error);
    if (error)
        throw std::runtime_error("metrics: cannot listen on " + listen_.address().to_string() + ":" +
                                 std::to_string(listen_.port()) + ": " + error.message());
    accept();
    thread_ = std::thread{[this] { io_.run(); }};
}

void MetricsServer::stop() {
    io_.stop();
    if (thread_.joinable()) thread_.join();
}

void MetricsServer::accept() {
    acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
        if (error) return; // closed: we are stopping
        serve(std::move(socket));
        accept();
    });
}

namespace {

// One request per connection, answered and closed (scrapers open one per scrape anyway).
// Asynchronous, so the 5 s expiry really cuts off a client that stalls.
struct Scrape : std::enable_shared_from_this<Scrape> {
    Scrape(tcp::socket socket, const MetricsServer::Page &page) : stream{std::move(socket)}, page{page} {}

    void run() {
        stream.expires_after(std::chrono::seconds{5});
        http::async_read(stream, buffer, request, [self = shared_from_this()](boost::system::error_code error, size_t) {
            if (!error) self->answer();
        });
    }

    void answer() {
        response.version(request.version());
        response.keep_alive(false);
        if (request.method() == http::verb::get && request.target() == "/metrics") {
            response.result(http::status::ok);
            response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            response.body() = page();
        } else {
            response.result(http::status::not_found);
            response.set(http::field::content_type, "text/plain");
            response.body() = "only GET /metrics is served here\n";
        }
        response.prepare_payload();
        http::async_write(stream, response, [self = shared_from_this()](boost::system::error_code, size_t) {
            boost::system::error_code ignored;
            self->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        });
    }

    boost::beast::tcp_stream stream;
    const MetricsServer::Page &page;
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::response<http::string_body> response;
};

}  // namespace

void MetricsServer::serve(tcp::socket socket) { std::make_shared<Scrape>(std::move(socket), page_)->run(); }

}  // namespace sipline::control
