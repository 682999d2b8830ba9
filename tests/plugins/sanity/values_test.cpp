// CSeq, Content-Length, Expires, Retry-After and the option-tag lists, with Kamailio's rules.
#include <gtest/gtest.h>

#include "cseq.hpp"
#include "extension_list.hpp"
#include "numeric_values.hpp"

namespace {

using namespace sipline::sanity;

TEST(CSeq, NumberAndMethodSeparatedByLws) {
    auto cseq = parseCSeq("314159 INVITE");
    ASSERT_TRUE(cseq);
    EXPECT_EQ(cseq->number, "314159");
    EXPECT_EQ(cseq->method, "INVITE");
    cseq = parseCSeq("0009\r\n  INVITE"); // RFC 4475 wsinv
    ASSERT_TRUE(cseq);
    EXPECT_EQ(cseq->method, "INVITE");
    cseq = parseCSeq("abc OPTIONS"); // parses; cseq_value judges the number
    ASSERT_TRUE(cseq);
    EXPECT_EQ(cseq->number, "abc");
    for (const char *text : {"", "1", "INVITE", "1 INVITE extra", " "}) EXPECT_FALSE(parseCSeq(text)) << text;
}

TEST(UintText, Kamailios_str2valid_uint) {
    EXPECT_TRUE(isValidUintText("0"));
    EXPECT_TRUE(isValidUintText("4294967295"));
    EXPECT_TRUE(isValidUintText("4294967296")); // Kamailio's off-by-one, kept
    EXPECT_FALSE(isValidUintText("4294967297"));
    EXPECT_FALSE(isValidUintText("5000000000"));
    EXPECT_FALSE(isValidUintText("12345678901"));
    EXPECT_FALSE(isValidUintText(""));
    EXPECT_FALSE(isValidUintText("12a"));
    EXPECT_FALSE(isValidUintText("-1"));
}

TEST(CSeqNumber, BelowTwoToThe31) {
    EXPECT_TRUE(isValidCSeqNumber("2147483647"));
    EXPECT_FALSE(isValidCSeqNumber("2147483648"));
    EXPECT_TRUE(isValidCSeqNumber("0009"));
    EXPECT_FALSE(isValidCSeqNumber("36893488147419103232")); // RFC 4475 scalar02
}

TEST(ContentLength, DigitsWithinInt32) {
    EXPECT_EQ(parseContentLength(" 150 "), 150u);
    EXPECT_EQ(parseContentLength("0"), 0u);
    EXPECT_EQ(parseContentLength("2147483647"), 2147483647u);
    EXPECT_FALSE(parseContentLength("2147483648"));
    EXPECT_FALSE(parseContentLength("-999")); // RFC 4475 ncl
    EXPECT_FALSE(parseContentLength(""));
    EXPECT_FALSE(parseContentLength("1 2"));
}

TEST(ExpiresText, AsKamailiosParseExpiresKeepsIt) {
    EXPECT_EQ(expiresText(" 3600 "), "3600");
    EXPECT_EQ(expiresText("3600 junk"), "3600"); // cut at the first whitespace after digits
    EXPECT_EQ(expiresText("Thu, 01 Dec 1994"), "Thu, 01 Dec 1994");
    EXPECT_EQ(expiresText("10000000000000"), "10000000000000");
    EXPECT_FALSE(expiresText(""));
    EXPECT_FALSE(expiresText("  "));
}

TEST(RetryAfter, ALeadingNumber) {
    EXPECT_TRUE(isParsableRetryAfter("120"));
    EXPECT_TRUE(isParsableRetryAfter("18000;duration=3600"));
    EXPECT_TRUE(isParsableRetryAfter("120 (I'm in a meeting)"));
    EXPECT_TRUE(isParsableRetryAfter("949302838503028349304023988")); // long, but digits
    EXPECT_FALSE(isParsableRetryAfter("soon"));
    EXPECT_FALSE(isParsableRetryAfter(""));
    EXPECT_FALSE(isParsableRetryAfter("12x"));
}

TEST(ExtensionList, SplitsAndTrimsLikeParseStrList) {
    const auto items = splitExtensionList(" foo ,bar,, baz ");
    ASSERT_TRUE(items);
    EXPECT_EQ(*items, (std::vector<std::string_view>{"foo", "bar", "", "baz"}));
    EXPECT_FALSE(splitExtensionList(" \t "));
    const std::vector<std::string> supported{"foo", "baz"};
    EXPECT_EQ(firstUnsupported(*items, supported), "bar");
    EXPECT_EQ(firstUnsupported({"foo", "baz"}, supported), std::nullopt);
    EXPECT_EQ(firstUnsupported({"Foo"}, supported), "Foo"); // case-sensitive, as Kamailio
    EXPECT_EQ(firstUnsupported({"x"}, {}), "x");
}

}  // namespace
