// Addresses to and from text on the per-message path must agree with what libc (inet_ntop,
// inet_pton through make_address) says, for every IPv4 shape and a few IPv6 ones.
#include <gtest/gtest.h>

#include "transport/address_text.hpp"
#include "transport/endpoint.hpp"

namespace sipline::transport {
namespace {

using boost::asio::ip::address;
using boost::asio::ip::make_address;

TEST(AddressText, MatchesInetNtopForIpv4AndIpv6) {
    for (const char *text : {"0.0.0.0", "127.0.0.1", "10.20.30.40", "255.255.255.255", "192.168.0.100", "::1",
                             "2001:db8::5060", "fe80::1:2:3:4", "::ffff:10.0.0.1"}) {
        const address parsed = make_address(text);
        EXPECT_EQ(AddressText{parsed}.view(), parsed.to_string()) << text;
    }
}

TEST(AddressText, EndpointHostTextBracketsIpv6Only) {
    EXPECT_EQ((Endpoint{Proto::Udp, make_address("10.0.0.1"), 5060}.hostText()), "10.0.0.1");
    EXPECT_EQ((Endpoint{Proto::Udp, make_address("::1"), 5060}.hostText()), "[::1]");
}

TEST(AddressText, AppendHostTextAddsToWhatIsThere) {
    std::string via = "Via: SIP/2.0/UDP ";
    appendHostText(via, make_address("2001:db8::1"));
    EXPECT_EQ(via, "Via: SIP/2.0/UDP [2001:db8::1]");
    std::string uri = "sip:";
    appendHostText(uri, make_address("192.0.2.7"));
    EXPECT_EQ(uri, "sip:192.0.2.7");
}

TEST(ParseAddress, AcceptsWhatInetPtonAcceptsAndNothingElse) {
    for (const char *good : {"0.0.0.0", "127.0.0.1", "1.2.3.4", "255.255.255.255", "10.20.199.100", "9.99.100.0", "::1", "2001:db8::1"}) {
        const auto parsed = parseAddress(good);
        ASSERT_TRUE(parsed.has_value()) << good;
        EXPECT_EQ(*parsed, make_address(good)) << good;
    }
    for (const char *bad : {"", "1.2.3", "1.2.3.4.", "1.2.3.4.5", "256.1.1.1", "1.2.3.1000", "01.2.3.4", "1.2.3.045", "1.2.3.00", "1.2.3.256", "1..2.3",
                            "a.b.c.d", "example.com", " 1.2.3.4", "1.2.3.4 ", "[::1]", "1.2.3.-4"}) {
        boost::system::error_code ec;
        make_address(bad, ec);
        EXPECT_TRUE(ec) << "libc accepts '" << bad << "'"; // the reference agrees it is bad
        EXPECT_FALSE(parseAddress(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace sipline::transport
