// One worker's handling of a received message: parse, run the plugins' hooks and the
// pipeline, and do what the pipeline asks (forward statelessly, reply, drop).
#pragma once

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
        : runtime_{runtime}, sender_{sender}, stats_{stats} {}

    void handle(std::string_view bytes, const transport::ReceiveInfo &rx);

    bool forward(pipeline::MessageContext &ctx) override;
    bool sendReply(pipeline::MessageContext &ctx, std::string_view bytes) override;

private:
    void handleRequest(pipeline::MessageContext &ctx);
    void handleReply(pipeline::MessageContext &ctx);
    void aliasConnection(const pipeline::MessageContext &ctx);
    bool forwardRequest(pipeline::MessageContext &ctx);
    bool forwardReply(pipeline::MessageContext &ctx);
    bool send(transport::Proto proto, const transport::Endpoint &local, const transport::Endpoint &to,
              uint64_t connection_id, std::string_view bytes);
    const transport::Endpoint *localFor(transport::Proto proto, const boost::asio::ip::address &to,
                                        const transport::ReceiveInfo &rx) const;

    const Runtime &runtime_;
    Sender &sender_;
    CoreStats &stats_;
    util::Arena arena_;
    std::string out_; // reused for every outgoing message
};

}  // namespace sipline::core
