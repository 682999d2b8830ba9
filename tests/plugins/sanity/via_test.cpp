// Via values: LWS everywhere the grammar allows it, the branch found, broken ones refused.
#include <gtest/gtest.h>

#include "via.hpp"

namespace {

using sipline::sanity::parseVia;

TEST(Via, ReadsTheFirstViaParm) {
    const auto via = parseVia("SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.4;branch=z9hG4bK776;rport");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->parm_count, 1u);
    EXPECT_EQ(via->first.protocol, "SIP");
    EXPECT_EQ(via->first.version, "2.0");
    EXPECT_EQ(via->first.transport, "UDP");
    EXPECT_EQ(via->first.host, "192.0.2.1");
    EXPECT_EQ(via->first.port, "5060");
    EXPECT_EQ(via->first.branch, "z9hG4bK776");
}

TEST(Via, FoldedAndSpacedAsRfc4475Wsinv) {
    auto via = parseVia("SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->first.host, "192.0.2.2");
    EXPECT_EQ(via->first.branch, "390skdjuw");
    via = parseVia("SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n"
                   " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->parm_count, 2u);
    EXPECT_EQ(via->first.transport, "TCP");
    EXPECT_EQ(via->first.branch, "z9hG4bK9ikj8");
}

TEST(Via, NoBranchIsNotAnError) {
    const auto via = parseVia("SIP/2.0/UDP iftgw.example.com"); // RFC 4475 inv2543
    ASSERT_TRUE(via);
    EXPECT_FALSE(via->first.branch);
}

TEST(Via, OtherVersionsAndTransportsParse) {
    EXPECT_TRUE(parseVia("SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw")); // badvers: sanity's 505
    EXPECT_TRUE(parseVia("SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en"));
    EXPECT_TRUE(parseVia("SIP/2.0/TCP [2001:db8::9]:5061;branch=z9hG4bK1;received=[2001:db8::8]"));
    EXPECT_TRUE(parseVia("SIP/2.0/UDP h;branch=z9hG4bK-.!%66*_+`'~")); // intmeth's branch
}

TEST(Via, RefusesBrokenValues) {
    for (const char *text : {
             "",
             "SIP/2.0/UDP 192.0.2.15;;,;,,",   // RFC 4475 badinv01
             "SIP/2.0/UDP",
             "SIP/2.0 host",
             "SIP/2.0/UDPhost",                // LWS required before sent-by
             "SIP/2.0/UDP host:",
             "SIP/2.0/UDP host:99999",
             "SIP/2.0/UDP host;branch=",
             "SIP/2.0/UDP host,",
             "SIP/2.0/UDP host junk",
             "SIP/2.0/UDP [::1",
         })
        EXPECT_FALSE(parseVia(text)) << '"' << text << '"';
}

}  // namespace
