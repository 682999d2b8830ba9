// libFuzzer: arbitrary bytes as an `if` condition, compiled and, when valid, evaluated on a
// fixed request (variables, string compares, regex matches, integer compares).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pipeline/condition.hpp"
#include "sip/message.hpp"
#include "util/arena.hpp"

namespace {

const std::string kRequest = "INVITE sip:bob@example.com SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKfuzz\r\n"
                             "Max-Forwards: 70\r\n"
                             "From: \"Alice\" <sip:alice@example.com>;tag=1\r\n"
                             "To: <sip:bob@example.com>\r\n"
                             "Call-ID: fuzz@test\r\n"
                             "CSeq: 1 INVITE\r\n"
                             "User-Agent: fuzzer\r\n"
                             "Content-Length: 0\r\n\r\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static sipline::sip::Message message = [] {
        sipline::sip::Message m;
        m.parse(kRequest);
        return m;
    }();
    const std::string_view text{reinterpret_cast<const char *>(data), size};
    try {
        const auto condition = sipline::pipeline::Condition::compile(text, nullptr);
        sipline::transport::ReceiveInfo rx;
        rx.source = {sipline::transport::Proto::Udp, boost::asio::ip::make_address("192.0.2.10"), 5070};
        rx.local = {sipline::transport::Proto::Udp, boost::asio::ip::make_address("127.0.0.1"), 5060};
        sipline::util::Arena arena;
        sipline::pipeline::MessageContext ctx{message, rx, arena, nullptr};
        condition.evaluate(ctx);
    } catch (const std::invalid_argument &) {
        // refused with a reason
    }
    return 0;
}
