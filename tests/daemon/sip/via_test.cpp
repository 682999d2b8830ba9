#include "sip/via.hpp"
#include "sip/header_type.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sipline::sip {
namespace {

TEST(ParseVia, ReadsProtocolSentByAndKnownParams) {
    const auto via = parseVia("SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;"
                              "received=192.0.2.1;rport=5067;maddr=239.255.255.1;ttl=16");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->protocol, "SIP");
    EXPECT_EQ(via->version, "2.0");
    EXPECT_EQ(via->transport, "UDP");
    EXPECT_EQ(via->host, "pc33.atlanta.example.com");
    EXPECT_EQ(via->port_text, "5066");
    EXPECT_EQ(via->port, 5066);
    EXPECT_EQ(via->branch, "z9hG4bK776asdhds");
    EXPECT_EQ(via->received, "192.0.2.1");
    EXPECT_EQ(via->rport, "5067");
    EXPECT_EQ(via->maddr, "239.255.255.1");
    EXPECT_EQ(via->param("TTL"), "16");
    EXPECT_EQ(via->params, "branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;maddr=239.255.255.1;ttl=16");
}

TEST(ParseVia, RportWithoutValueIsPresentAndEmpty) {
    const auto via = parseVia("SIP/2.0/TCP client.example.com;rport;branch=z9hG4bKx");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->rport, "");
    EXPECT_EQ(via->received, std::nullopt);
    EXPECT_EQ(via->maddr, std::nullopt);
    EXPECT_EQ(via->port, 0);
    EXPECT_EQ(via->port_text, "");
}

TEST(ParseVia, WithoutParamsHasNoBranch) {
    const auto via = parseVia("SIP/2.0/UDP iftgw.example.com");  // RFC 2543 style (inv2543)
    ASSERT_TRUE(via);
    EXPECT_EQ(via->host, "iftgw.example.com");
    EXPECT_EQ(via->branch, std::nullopt);
    EXPECT_EQ(via->params, "");
}

TEST(ParseVia, AllowsLinearWhiteSpaceAndFoldsAroundSeparators) {
    // The first two via-parms of RFC 4475 wsinv.
    const auto folded = parseVia("SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw");
    ASSERT_TRUE(folded);
    EXPECT_EQ(folded->version, "2.0");
    EXPECT_EQ(folded->transport, "UDP");
    EXPECT_EQ(folded->host, "192.0.2.2");
    EXPECT_EQ(folded->branch, "390skdjuw");

    const auto spaced = parseVia("SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8");
    ASSERT_TRUE(spaced);
    EXPECT_EQ(spaced->host, "spindle.example.com");
    EXPECT_EQ(spaced->branch, "z9hG4bK9ikj8");

    const auto colon = parseVia("SIP/2.0/UDP host.example.com : 5070 ; branch = z9hG4bKa");
    ASSERT_TRUE(colon);
    EXPECT_EQ(colon->port, 5070);
    EXPECT_EQ(colon->branch, "z9hG4bKa");
}

TEST(ParseVia, AcceptsIpv6SentByAndReceived) {
    const auto via = parseVia("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3;received=2001:db8::9:255");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->host, "[2001:db8::9:1]");
    EXPECT_EQ(via->port, 5060);
    EXPECT_EQ(via->received, "2001:db8::9:255");

    const auto bracketed = parseVia("SIP/2.0/TCP [::1];received=[::2]");
    ASSERT_TRUE(bracketed);
    EXPECT_EQ(bracketed->host, "[::1]");
    EXPECT_EQ(bracketed->received, "[::2]");
}

TEST(ParseVia, KeepsUnknownTransportsAndVersionsAsWritten) {
    const auto via = parseVia("SIP/7.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en");
    ASSERT_TRUE(via);
    EXPECT_EQ(via->version, "7.0");
    EXPECT_EQ(via->transport, "UNKNOWN");
}

// "SIP/2.0/" has a quick path; it must read what the token-by-token path reads.
TEST(ParseVia, TheUsualProtocolAndOtherSpellingsReadAlike) {
    for (const char *text : {"SIP/2.0/TCP h.example.com", "SIP/2.0/ TCP h.example.com", "SIP /2.0/TCP h.example.com",
                             "sip/2.0/TCP h.example.com"}) {
        const auto via = parseVia(text);
        ASSERT_TRUE(via) << text;
        EXPECT_TRUE(equalsIgnoreCase(via->protocol, "SIP")) << text;
        EXPECT_EQ(via->version, "2.0") << text;
        EXPECT_EQ(via->transport, "TCP") << text;
        EXPECT_EQ(via->host, "h.example.com") << text;
    }
    EXPECT_FALSE(parseVia("SIP/2.0/TCPh.example.com"));
    EXPECT_FALSE(parseVia("SIP/2.0/"));
}

TEST(ParseVia, RejectsMalformedViaParms) {
    EXPECT_FALSE(parseVia(""));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP"));
    EXPECT_FALSE(parseVia("SIP/2.0 host.example.com"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDPhost.example.com"));
    EXPECT_FALSE(parseVia("SIP//UDP host.example.com"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host.example.com:"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host.example.com:0"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host.example.com:65536"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host.example.com junk"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP [::1"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP 192.0.2.15;;"));  // badinv01
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host;"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host;branch="));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host;bra nch=x"));
    EXPECT_FALSE(parseVia("SIP/2.0/UDP host;branch=\"unterminated"));
}

TEST(ForEachVia, ParsesEveryEntryOfACommaListInOrder) {
    std::vector<std::string> hosts;
    const bool ok = forEachVia(
        "SIP/2.0/UDP a.example.com;branch=z9hG4bK1 , SIP/2.0/TCP b.example.com:5070,SIP/2.0/TLS [::1]",
        [&](const Via &via) { hosts.emplace_back(via.host); });
    EXPECT_TRUE(ok);
    EXPECT_EQ(hosts, (std::vector<std::string>{"a.example.com", "b.example.com", "[::1]"}));
}

TEST(ForEachVia, IgnoresCommasInsideQuotedParamValues) {
    std::vector<std::string> texts;
    EXPECT_TRUE(forEachVia("SIP/2.0/UDP a;x=\"1,2\",SIP/2.0/UDP b",
                           [&](const Via &via) { texts.emplace_back(via.text); }));
    EXPECT_EQ(texts, (std::vector<std::string>{"SIP/2.0/UDP a;x=\"1,2\"", "SIP/2.0/UDP b"}));
}

TEST(ForEachVia, StopsAtTheFirstMalformedEntry) {
    int calls = 0;
    EXPECT_FALSE(forEachVia("SIP/2.0/UDP good, garbage, SIP/2.0/UDP never", [&](const Via &) { ++calls; }));
    EXPECT_EQ(calls, 1);
    EXPECT_FALSE(forEachVia("SIP/2.0/UDP 192.0.2.15;;,;,,", [&](const Via &) { ++calls; }));  // badinv01
    EXPECT_FALSE(forEachVia("SIP/2.0/UDP a,", [](const Via &) {}));
    EXPECT_FALSE(forEachVia("", [](const Via &) {}));
    EXPECT_FALSE(forEachVia(" \r\n ", [](const Via &) {}));
    EXPECT_EQ(calls, 1);
}

TEST(SplitCommaList, SplitsAtTopLevelCommasOnlyAndTrims) {
    std::vector<std::string> parts;
    splitCommaList("\"Doe, John\" <sip:j@x;a=1,2>;q=0.5 ,\r\n <sip:k@y>,sip:z@w",
                   [&](std::string_view part) { parts.emplace_back(part); });
    EXPECT_EQ(parts, (std::vector<std::string>{"\"Doe, John\" <sip:j@x;a=1,2>;q=0.5", "<sip:k@y>", "sip:z@w"}));
}

TEST(SplitCommaList, PassesEmptyPartsButNothingForAnEmptyValue) {
    std::vector<std::string> parts;
    splitCommaList("a,,b,", [&](std::string_view part) { parts.emplace_back(part); });
    EXPECT_EQ(parts, (std::vector<std::string>{"a", "", "b", ""}));
    parts.clear();
    splitCommaList("  ", [&](std::string_view part) { parts.emplace_back(part); });
    EXPECT_TRUE(parts.empty());
}

// Values without quotes or '<' take a memchr path; a stray '>' changes nothing there either.
TEST(SplitCommaList, WithoutQuotesOrBracketsEveryCommaSeparates) {
    std::vector<std::string> parts;
    splitCommaList("SIP/2.0/UDP a;branch=1 ,\r\n SIP/2.0/UDP b>,c", [&](std::string_view part) { parts.emplace_back(part); });
    EXPECT_EQ(parts, (std::vector<std::string>{"SIP/2.0/UDP a;branch=1", "SIP/2.0/UDP b>", "c"}));
}

TEST(SplitCommaList, SurvivesUnbalancedQuotesAndBrackets) {
    std::vector<std::string> parts;
    splitCommaList("\"open, never closed", [&](std::string_view part) { parts.emplace_back(part); });
    EXPECT_EQ(parts, (std::vector<std::string>{"\"open, never closed"}));
    parts.clear();
    splitCommaList("<sip:a, b", [&](std::string_view part) { parts.emplace_back(part); });
    EXPECT_EQ(parts, (std::vector<std::string>{"<sip:a, b"}));
    parts.clear();
    splitCommaList("\"trailing backslash\\", [&](std::string_view part) { parts.emplace_back(part); });
    EXPECT_EQ(parts.size(), 1u);
}

}  // namespace
}  // namespace sipline::sip
