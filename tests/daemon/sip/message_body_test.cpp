// The body and Content-Length (RFC 3261 18.3, 20.14), and the parser's size limits.
#include <string>

#include <gtest/gtest.h>

#include "sip/message.hpp"

namespace sipline::sip {
namespace {

std::string request(std::string_view extra_headers, std::string_view body) {
    return "MESSAGE sip:a@example.com SIP/2.0\r\nCall-ID: body-test\r\n" + std::string{extra_headers} +
           "\r\n" + std::string{body};
}

TEST(MessageBody, IsCutToContentLengthWhenTheDatagramHasMore) {
    const std::string bytes = request("Content-Length: 5\r\n", "helloEXTRA BYTES");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.body(), "hello");
    EXPECT_EQ(message.contentLength(), 5);
    EXPECT_EQ(message.bytes().size(), bytes.size());
}

TEST(MessageBody, ShorterThanContentLengthIsAnError) {
    Message message;
    const ParseResult result = message.parse(request("Content-Length: 50\r\n", "short"));
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(result.reason, "Content-Length larger than body");
    EXPECT_FALSE(message.parse(request("l: 99999999999999999999999\r\n", "x")).ok);
}

TEST(MessageBody, IsTheRestWithoutContentLength) {
    const std::string bytes = request("", "all of\r\nthis");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.body(), "all of\r\nthis");
    EXPECT_EQ(message.contentLength(), std::nullopt);
}

TEST(MessageBody, NonNumericContentLengthParsesAsMinusOneWithTheRestAsBody) {
    for (const char *value : {"-999", "abc", "12 34", "0x10", "", "+5"}) {
        const std::string bytes = request(std::string{"Content-Length: "} + value + "\r\n", "body");
        Message message;
        const ParseResult result = message.parse(bytes);
        ASSERT_TRUE(result.ok) << value << ": " << result.reason;
        EXPECT_EQ(message.contentLength(), -1) << value;
        EXPECT_EQ(message.body(), "body") << value;
    }
}

TEST(MessageBody, ContentLengthZeroMeansNoBody) {
    const std::string bytes = request("Content-Length: 0\r\n", "\r\nINVITE sip:next SIP/2.0\r\n");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.body(), "");
    EXPECT_EQ(message.contentLength(), 0);
}

TEST(MessageBody, ContentLengthValueMayHaveLeadingZerosAndSpaces) {
    const std::string bytes = request("Content-Length :   0004  \r\n", "abcdef");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.body(), "abcd");
    EXPECT_EQ(message.contentLength(), 4);
}

TEST(MessageBody, RepeatedEqualContentLengthsAreAccepted) {
    const std::string bytes = request("Content-Length: 4\r\nl: 004\r\n", "abcdef");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.body(), "abcd");
}

TEST(MessageBody, ConflictingContentLengthsAreAnError) {
    Message message;
    EXPECT_EQ(message.parse(request("Content-Length: 13\r\nContent-Length: 5\r\n", std::string(20, 'x'))).reason,
              "conflicting Content-Length headers");
    EXPECT_EQ(message.parse(request("Content-Length: 5\r\nl: five\r\n", "12345")).reason,
              "conflicting Content-Length headers");
    EXPECT_EQ(message.parse(request("l: abc\r\nl: def\r\n", "12345")).reason,
              "conflicting Content-Length headers");
}

TEST(MessageBody, MayHoldNulAndBareLineEnds) {
    const std::string body{"a\0b\rc\nd", 7};
    const std::string bytes = request("Content-Length: 7\r\n", body);
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.body(), body);
}

TEST(MessageLimits, RejectsMessagesLargerThanTheLimit) {
    const std::string bytes = request("", std::string(200, 'x'));
    Message message;
    ParseLimits limits;
    limits.max_message_bytes = bytes.size() - 1;
    EXPECT_EQ(message.parse(bytes, limits).reason, "message too large");
    limits.max_message_bytes = bytes.size();
    EXPECT_TRUE(message.parse(bytes, limits).ok);
    EXPECT_EQ(message.parse(std::string(70000, 'A')).reason, "message too large");  // default 65535
}

TEST(MessageLimits, RejectsMoreHeaderFieldsThanTheLimit) {
    std::string headers;
    for (int i = 0; i < 10; ++i) headers += "X-H" + std::to_string(i) + ": v\r\n";
    const std::string bytes = request(headers, "");  // Call-ID + 10 fields
    Message message;
    ParseLimits limits;
    limits.max_headers = 11;
    ASSERT_TRUE(message.parse(bytes, limits).ok);
    EXPECT_EQ(message.headers().size(), 11u);
    limits.max_headers = 10;
    EXPECT_EQ(message.parse(bytes, limits).reason, "too many headers");
    limits.max_headers = 0;
    EXPECT_EQ(message.parse(bytes, limits).reason, "too many headers");
}

TEST(MessageLimits, DefaultHeaderLimitStopsAFloodOfTinyFields) {
    std::string headers;
    for (int i = 0; i < 300; ++i) headers += "a:b\r\n";
    Message message;
    EXPECT_EQ(message.parse(request(headers, "")).reason, "too many headers");
}

TEST(MessageLimits, FoldedLinesDoNotCountAsFields) {
    std::string headers = "Subject: x\r\n";
    for (int i = 0; i < 20; ++i) headers += " more\r\n";
    const std::string bytes = request(headers, "");
    Message message;
    ParseLimits limits;
    limits.max_headers = 2;
    ASSERT_TRUE(message.parse(bytes, limits).ok);
    EXPECT_EQ(message.headers().size(), 2u);
}

}  // namespace
}  // namespace sipline::sip
