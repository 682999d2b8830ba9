// The message processor re-uses one parsed message per worker. Should handling a message ever
// re-enter handle() (a sender that delivers to ourselves), the inner message must get a fresh
// parse and leave the outer one intact.
#include "core/message_processor.hpp"

#include <gtest/gtest.h>

#include "core/resolver.hpp"
#include "registry_fixture.hpp"

namespace sipline::test {
namespace {

std::string request(const std::string &call_id) {
    return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK-" + call_id + "\r\n"
           "Max-Forwards: 70\r\n"
           "From: <sip:alice@example.com>;tag=a\r\n"
           "To: <sip:bob@example.com>\r\n"
           "Call-ID: " + call_id + "\r\n"
           "CSeq: 1 OPTIONS\r\n"
           "Content-Length: 0\r\n\r\n";
}

// Records what is sent; the first send hands another request to the processor, from inside
// the handling of the current one.
class ReenteringSender final : public core::Sender {
public:
    bool sendUdp(const transport::Endpoint &, const transport::Endpoint &, std::string_view bytes) override {
        sent.emplace_back(bytes);
        if (processor != nullptr && !reentered) {
            reentered = true;
            processor->handle(request("inner"), rx);
        }
        return true;
    }
    bool sendTcp(uint64_t, const transport::Endpoint &, std::string bytes) override {
        sent.push_back(std::move(bytes));
        return true;
    }
    core::MessageProcessor *processor = nullptr;
    transport::ReceiveInfo rx;
    bool reentered = false;
    std::vector<std::string> sent;
};

bool holds(const std::string &message, const std::string &text) { return message.find(text) != std::string::npos; }

TEST(MessageProcessor, AMessageHandledWhileAnotherIsLeavesTheOuterOneIntact) {
    // Every request is forwarded twice: the second forward reads the outer message again
    // after the inner one has been handled.
    const auto loaded = load(withCore(R"toml(
[control]
enabled = false

[[route.request]]
set = { "$du" = "sip:127.0.0.1:5080" }

[[route.request]]
do = "forward"

[[route.request]]
do = "forward"
)toml"));
    core::Resolver resolver;
    core::Runtime runtime;
    wireRuntime(runtime, *loaded, resolver);
    ReenteringSender sender;
    core::CoreStats stats;
    core::MessageProcessor processor{runtime, sender, stats};
    sender.processor = &processor;
    sender.rx.source = {transport::Proto::Udp, boost::asio::ip::make_address("192.0.2.10"), 5070};
    sender.rx.local = runtime.listen.front();

    processor.handle(request("outer"), sender.rx);

    // outer's first forward, then the inner request's two, then outer's second.
    ASSERT_EQ(sender.sent.size(), 4u);
    EXPECT_TRUE(holds(sender.sent[0], "Call-ID: outer\r\n"));
    EXPECT_TRUE(holds(sender.sent[1], "Call-ID: inner\r\n"));
    EXPECT_TRUE(holds(sender.sent[2], "Call-ID: inner\r\n"));
    EXPECT_TRUE(holds(sender.sent[3], "Call-ID: outer\r\n")) << sender.sent[3];
    EXPECT_EQ(sender.sent[3], sender.sent[0]) << "the outer request forwarded twice the same";
    EXPECT_TRUE(holds(sender.sent[3], "branch=z9hG4bK-outer")) << sender.sent[3];
    EXPECT_EQ(stats.requests_forwarded.load(), 4u);
}

}  // namespace
}  // namespace sipline::test
