// One worker's handling of a received message: parse, run the plugins' hooks and the
// pipeline, and do what the pipeline asks (forward statelessly, reply, drop).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/runtime.hpp"
#include "core/stats.hpp"
#include "pipeline/message_context.hpp"
#include "util/arena.hpp"

namespace sipline::core {

// How a worker puts bytes on the wire.
class Sender {
public:
    virtual ~Sender() = default;
    // UDP from our socket bound to `local` (or any of ours of that address family).
    virtual bool sendUdp(const transport::Endpoint &local, const transport::Endpoint &to, std::string_view bytes) = 0;
    // TCP on connection `connection_id` when it is alive, else on any connection to `to`,
    // else on a new connection.
    virtual bool sendTcp(uint64_t connection_id, const transport::Endpoint &to, std::string bytes) = 0;
};

class MessageProcessor final : public pipeline::CoreActions {
public:
    MessageProcessor(const Runtime &runtime, Sender &sender, CoreStats &stats)
        : runtime_{runtime}, sender_{sender}, stats_{stats}, arena_{std::make_unique<util::Arena>()},
          retry_after_header_{"Retry-After: " + std::to_string(runtime.overload.retry_after_s) + "\r\n"} {}

    // `overloaded`: the worker is behind ([overload]); a new request is then shed instead.
    void handle(std::string_view bytes, const transport::ReceiveInfo &rx, bool overloaded = false);

    bool forward(pipeline::MessageContext &ctx) override;
    bool sendReply(pipeline::MessageContext &ctx, std::string_view bytes) override;
    bool relay(pipeline::MessageContext &ctx) override;

    // For the stateful relay, which runs on the workers' processors.
    const Runtime &runtime() const noexcept { return runtime_; }
    bool send(transport::Proto proto, const transport::Endpoint &local, const transport::Endpoint &to,
              uint64_t connection_id, std::string_view bytes);
    // RFC 3261 18.2.2: where a reply to a request received as `rx` with top Via `top` goes.
    bool sendToRequester(const transport::ReceiveInfo &rx, const sip::Via *top, std::string_view bytes);
    const transport::Endpoint *localFor(transport::Proto proto, const boost::asio::ip::address &to,
                                        const transport::ReceiveInfo &rx) const;
    // Hands the current message's scratch memory to a transaction and starts a fresh one.
    std::unique_ptr<util::Arena> takeArena();

private:
    // Under overload: a new request is refused (503 + Retry-After, or dropped, as configured);
    // replies, ACK, CANCEL and in-dialog requests are not shed. True when it was shed.
    bool shed(const sip::Message &msg, const transport::ReceiveInfo &rx);
    void process(sip::Message &msg, std::string_view bytes, const transport::ReceiveInfo &rx, bool overloaded);
    void handleRequest(pipeline::MessageContext &ctx);
    void handleReply(pipeline::MessageContext &ctx);
    void aliasConnection(const pipeline::MessageContext &ctx);
    bool forwardRequest(pipeline::MessageContext &ctx);
    bool forwardReply(pipeline::MessageContext &ctx);

    const Runtime &runtime_;
    Sender &sender_;
    CoreStats &stats_;
    std::unique_ptr<util::Arena> arena_;
    std::string out_; // reused for every outgoing message
    // Reused for every incoming message, so its header and Via vectors keep their memory.
    sip::Message message_;
    bool message_in_use_ = false;
    const std::string retry_after_header_; // the 503's when shedding, built once
};

}  // namespace sipline::core
