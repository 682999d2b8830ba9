// A parsed message with everything a pipeline run needs, for unit tests of the core.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/message_context.hpp"

namespace sipline::test {

// Records what the pipeline asked the core to do instead of sending anything.
class RecordingCore final : public pipeline::CoreActions {
public:
    bool forward(pipeline::MessageContext &ctx) override {
        forwarded.push_back(std::string{ctx.dst_uri ? *ctx.dst_uri : ctx.currentRuri()});
        return forward_succeeds;
    }
    bool sendReply(pipeline::MessageContext &, std::string_view bytes) override {
        replies.emplace_back(bytes);
        return true;
    }
    std::vector<std::string> forwarded, replies;
    bool forward_succeeds = true;
};

class ParsedMessage {
public:
    explicit ParsedMessage(std::string text, pipeline::CoreActions *core = nullptr) : text_{std::move(text)} {
        const auto result = message_.parse(text_);
        EXPECT_TRUE(result.ok) << result.reason;
        rx_.source = transport::Endpoint{transport::Proto::Udp, boost::asio::ip::make_address("192.0.2.10"), 5070};
        rx_.local = transport::Endpoint{transport::Proto::Udp, boost::asio::ip::make_address("127.0.0.1"), 5060};
        context_ = std::make_unique<pipeline::MessageContext>(message_, rx_, arena_, core);
    }
    pipeline::MessageContext &ctx() { return *context_; }
    const sip::Message &message() const { return message_; }

private:
    std::string text_;
    sip::Message message_;
    transport::ReceiveInfo rx_;
    util::Arena arena_;
    std::unique_ptr<pipeline::MessageContext> context_;
};

inline std::string invite(const std::string &extra = "") {
    return "INVITE sip:bob@example.com SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKabc;rport\r\n"
           "Max-Forwards: 70\r\n"
           "From: \"Alice\" <sip:alice@example.org>;tag=f1\r\n"
           "To: <sip:bob@example.com>\r\n"
           "Call-ID: c1@192.0.2.10\r\n"
           "CSeq: 7 INVITE\r\n"
           "User-Agent: test-ua/1.0\r\n" +
           extra + "Content-Length: 0\r\n\r\n";
}

}  // namespace sipline::test
