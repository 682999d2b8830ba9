#include "control/session.hpp"

#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

#include "control/rpc_fault.hpp"

namespace sipline::control::detail {
namespace asio = boost::asio;

namespace {
std::string errorLine(int code, std::string_view message) {
    return nlohmann::json{{"jsonrpc", "2.0"},
                          {"error", {{"code", code}, {"message", message}}},
                          {"id", nullptr}}
        .dump();
}
}  // namespace

Session::Session(Socket socket, Answer answer, size_t max_request_bytes, std::chrono::milliseconds idle_timeout,
                 OnClosed on_closed)
    : socket_{std::move(socket)}, timer_{socket_.get_executor()}, answer_{std::move(answer)},
      framer_{max_request_bytes}, idle_timeout_{idle_timeout}, on_closed_{std::move(on_closed)} {}

void Session::start() {
    touch();
    armTimer();
    read();
}

void Session::reject(std::string_view message) {
    touch();
    armTimer();
    write(errorLine(-32000, message), /*close_after=*/true);
}

void Session::close() {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(Socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
    if (on_closed_) on_closed_(this);
}

void Session::serve() {
    for (;;) {
        std::string_view line;
        switch (framer_.next(line)) {
        case LineFramer::Status::Line: {
            std::string response;
            try {
                response = answer_(line);
            } catch (...) { // only allocation failures get here; drop this client, keep serving
                close();
                return;
            }
            if (response.empty()) continue; // a notification: nothing to answer
            write(std::move(response), false);
            return;
        }
        case LineFramer::Status::TooLarge:
            write(errorLine(kInvalidRequest, "request too large"), /*close_after=*/true);
            return;
        case LineFramer::Status::NeedMore:
            if (framer_.finished()) close(); // EOF and every request answered
            else read();
            return;
        }
    }
}

void Session::read() {
    socket_.async_read_some(
        asio::buffer(chunk_), [self = shared_from_this()](boost::system::error_code ec, size_t n) {
            if (self->closed_) return;
            if (ec == asio::error::eof) {
                self->framer_.finish();
            } else if (ec) {
                self->close();
                return;
            } else {
                self->touch();
                self->framer_.append(std::string_view{self->chunk_.data(), n});
            }
            self->serve();
        });
}

void Session::write(std::string response, bool close_after) {
    out_ = std::move(response);
    out_.push_back('\n');
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this(), close_after](boost::system::error_code ec,
                                                               size_t) {
                          if (self->closed_) return;
                          if (ec || close_after) {
                              self->close();
                              return;
                          }
                          self->touch();
                          self->serve();
                      });
}

void Session::touch() { deadline_ = std::chrono::steady_clock::now() + idle_timeout_; }

// One timer re-armed to the latest deadline, instead of cancelling it on every read.
void Session::armTimer() {
    timer_.expires_at(deadline_);
    timer_.async_wait([self = shared_from_this()](boost::system::error_code) {
        if (self->closed_) return;
        if (std::chrono::steady_clock::now() >= self->deadline_) self->close();
        else self->armTimer();
    });
}

}  // namespace sipline::control::detail
