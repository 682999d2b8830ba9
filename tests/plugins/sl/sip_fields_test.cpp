// The small parsers sl needs: the top Via's host, port and branch, and the To tag.
#include <gtest/gtest.h>

#include "sip_text.hpp"
#include "to_header.hpp"
#include "top_via.hpp"

namespace {

using sipline::sl::findParameter;
using sipline::sl::parseTopVia;
using sipline::sl::toTagParameter;

TEST(TopVia, ReadsHostPortAndBranch) {
    const auto via = parseTopVia("SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->host, "198.51.100.7");
    EXPECT_EQ(via->port, "5062");
    EXPECT_EQ(via->branch, "z9hG4bK776");
}

TEST(TopVia, TakesTheFirstViaParmOfTheField) {
    const auto via = parseTopVia(
        "SIP/2.0/TCP proxy.example.com;branch=z9hG4bKfirst, SIP/2.0/UDP ua.example.com;branch=z9hG4bKsecond");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->host, "proxy.example.com");
    EXPECT_EQ(via->port, "");
    EXPECT_EQ(via->branch, "z9hG4bKfirst");
}

TEST(TopVia, KeepsIpv6BracketsAndAllowsLinearWhitespace) {
    const auto v6 = parseTopVia("SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bKv6");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "[2001:db8::1]");
    EXPECT_EQ(v6->port, "5070");
    EXPECT_EQ(v6->branch, "z9hG4bKv6");

    const auto spaced = parseTopVia("SIP / 2.0 / UDP  host.example : 5060 ; BRANCH = z9hG4bKsp");
    ASSERT_TRUE(spaced);
    EXPECT_EQ(spaced->host, "host.example");
    EXPECT_EQ(spaced->port, "5060");
    EXPECT_EQ(spaced->branch, "z9hG4bKsp");
}

TEST(TopVia, IgnoresCommasInsideQuotedParameters) {
    const auto via = parseTopVia(R"(SIP/2.0/UDP h;x="a,b";branch=z9hG4bKq, SIP/2.0/UDP other)");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->branch, "z9hG4bKq");
}

TEST(TopVia, BranchIsEmptyWhenAbsent) {
    const auto via = parseTopVia("SIP/2.0/UDP old.example.com");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->branch, "");
}

TEST(TopVia, RefusesTextWithoutProtocolOrHost) {
    EXPECT_FALSE(parseTopVia("garbage"));
    EXPECT_FALSE(parseTopVia("SIP/2.0/UDP "));
    EXPECT_FALSE(parseTopVia(""));
}

TEST(ToTag, ReadsTheHeaderParameterOfANameAddr) {
    EXPECT_EQ(toTagParameter("\"Bob\" <sip:bob@example.com>;tag=a6c85cf"), "a6c85cf");
    EXPECT_EQ(toTagParameter("<sip:bob@example.com;tag=uri-param>;tag=real"), "real");
    EXPECT_EQ(toTagParameter("<sip:bob@example.com;tag=uri-param>"), std::nullopt);
}

TEST(ToTag, ReadsTheParameterOfAnAddrSpec) {
    EXPECT_EQ(toTagParameter("sip:bob@example.com;tag=314"), "314");
    EXPECT_EQ(toTagParameter("sip:bob@example.com"), std::nullopt);
}

TEST(ToTag, SkipsQuotedDisplayNamesAndIgnoresCaseAndSpaces) {
    EXPECT_EQ(toTagParameter(R"("a <b>; \"c" <sip:b@x> ; TAG = 99 ;x=y)"), "99");
    EXPECT_EQ(toTagParameter(R"("tag=no;" <sip:b@x>)"), std::nullopt);
}

TEST(SipText, FindsParametersCaseInsensitively) {
    EXPECT_EQ(findParameter(";lr;Branch=abc", "branch"), "abc");
    EXPECT_EQ(findParameter(";lr;branch=abc", "lr"), "");
    EXPECT_EQ(findParameter(";lr", "branch"), std::nullopt);
}

}  // namespace
