// The stateful relay on a clock the test moves by hand: a requester at 192.0.2.10:5070 sends
// to sipline at 127.0.0.1:5060, which relays to a next hop at 127.0.0.1:5080. Nothing touches
// the network: every message the relay sends is recorded with where it went.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/message_processor.hpp"
#include "core/resolver.hpp"
#include "core/stateful_relay.hpp"
#include "registry_fixture.hpp"

namespace sipline::test {

constexpr uint16_t kRequesterPort = 5070;
constexpr uint16_t kNextHopPort = 5080;

struct SentMessage {
    uint16_t port; // kRequesterPort (upstream) or kNextHopPort (downstream)
    std::string bytes;
    std::string startLine() const { return bytes.substr(0, bytes.find("\r\n")); }
};

class RecordingSender final : public core::Sender {
public:
    bool sendUdp(const transport::Endpoint &, const transport::Endpoint &to, std::string_view bytes) override {
        sent.push_back({to.port, std::string{bytes}});
        return true;
    }
    bool sendTcp(uint64_t, const transport::Endpoint &to, std::string bytes) override {
        sent.push_back({to.port, std::move(bytes)});
        return true;
    }
    std::vector<SentMessage> sent;
};

// The default route: every request relayed to the next hop. `routes` replaces it.
inline std::string relayConfig(const std::string &routes = "") {
    return withCore(R"toml(
[control]
enabled = false

[[route.request]]
set = { "$du" = "sip:127.0.0.1:5080" }

[[route.request]]
do = "relay"
)toml" + routes);
}

class RelayHarness {
public:
    explicit RelayHarness(const config::RelayConfig &relay_config, const std::string &toml = relayConfig())
        : loaded_{load(toml)}, relay_{relay_config, [this] { return now_; }} {
        wireRuntime(runtime_, *loaded_, resolver_);
        runtime_.relay = &relay_;
        processor_ = std::make_unique<core::MessageProcessor>(runtime_, sender_, stats_);
        relay_.setPost([this](std::function<void(core::MessageProcessor &)> job) { job(*processor_); });
    }

    // A message from the requester (upstream) or from the next hop (downstream).
    void fromRequester(const std::string &bytes) { receive(bytes, kRequesterPort); }
    void fromNextHop(const std::string &bytes) { receive(bytes, kNextHopPort); }

    // Moves the clock and fires what is due.
    void advance(std::chrono::milliseconds by) {
        now_ += by;
        relay_.tick();
    }
    // Moves the clock in steps of `step` up to `total`, firing timers on the way.
    void advanceInSteps(std::chrono::milliseconds total, std::chrono::milliseconds step = std::chrono::milliseconds{10}) {
        for (auto moved = std::chrono::milliseconds{0}; moved < total; moved += step) advance(step);
    }

    // What was sent since the last call, then forgotten.
    std::vector<SentMessage> takeSent() { return std::exchange(sender_.sent, {}); }
    size_t transactions() const { return relay_.transactions(); }
    core::Clock::time_point now() const { return now_; }

private:
    void receive(const std::string &bytes, uint16_t from_port) {
        transport::ReceiveInfo rx;
        rx.source = transport::Endpoint{transport::Proto::Udp,
                                        boost::asio::ip::make_address(from_port == kRequesterPort ? "192.0.2.10" : "127.0.0.1"),
                                        from_port};
        rx.local = runtime_.listen.front();
        processor_->handle(bytes, rx);
    }

    std::unique_ptr<Loaded> loaded_;
    core::Clock::time_point now_{std::chrono::hours{1}};
    core::Resolver resolver_;
    core::StatefulRelay relay_;
    core::Runtime runtime_;
    RecordingSender sender_;
    core::CoreStats stats_;
    std::unique_ptr<core::MessageProcessor> processor_;
};

// A request from the requester, with its own branch.
inline std::string requesterRequest(const std::string &method, const std::string &branch = "z9hG4bK-caller-1",
                                    unsigned cseq = 1) {
    return method + " sip:bob@example.com SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=" + branch + "\r\n"
           "Max-Forwards: 70\r\n"
           "From: <sip:alice@example.com>;tag=caller\r\n"
           "To: <sip:bob@example.com>\r\n"
           "Call-ID: relay-harness@test\r\n"
           "CSeq: " + std::to_string(cseq) + " " + method + "\r\n"
           "Content-Length: 0\r\n\r\n";
}

inline std::string headerLine(const std::string &message, const std::string &name) {
    const size_t at = message.find("\r\n" + name + ": ");
    if (at == std::string::npos) return "";
    const size_t start = at + 2;
    return message.substr(start, message.find("\r\n", start) - start);
}

// The next hop's reply to a request it received: its Vias, From, To (tagged), Call-ID, CSeq.
inline std::string nextHopReply(const std::string &request, int code, const std::string &reason) {
    std::string out = "SIP/2.0 " + std::to_string(code) + " " + reason + "\r\n";
    for (size_t at = 0; (at = request.find("\r\nVia: ", at)) != std::string::npos;) {
        const size_t end = request.find("\r\n", at + 2);
        out += request.substr(at + 2, end - at);
        at = end;
    }
    std::string to = headerLine(request, "To");
    if (code > 100 && to.find(";tag=") == std::string::npos) to += ";tag=callee";
    return out + headerLine(request, "From") + "\r\n" + to + "\r\n" + headerLine(request, "Call-ID") + "\r\n" +
           headerLine(request, "CSeq") + "\r\nContent-Length: 0\r\n\r\n";
}

}  // namespace sipline::test
