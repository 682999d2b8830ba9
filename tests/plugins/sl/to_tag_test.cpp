// The stateless To-tag: 41 chars, stable for a retransmission, different per transaction.
#include <gtest/gtest.h>

#include "to_tag.hpp"

namespace {

using sipline::sl::instanceSignature;
using sipline::sl::statelessToTag;
using sipline::sl::TopVia;
using sipline::sl::transactionHash;

bool isLowerHex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

const TopVia kVia{.host = "198.51.100.7", .port = "5062", .branch = "z9hG4bK776"};
constexpr std::string_view kCallId = "a84b4c76e66710@pc33.example.com";

TEST(StatelessToTag, SignatureIs32HexCharsAndStable) {
    const std::string signature = instanceSignature("192.0.2.10", 5060);
    EXPECT_EQ(signature.size(), 32u);
    EXPECT_TRUE(isLowerHex(signature)) << signature;
    EXPECT_EQ(signature, instanceSignature("192.0.2.10", 5060));
}

TEST(StatelessToTag, SignatureDiffersPerListenAddressAndPort) {
    const std::string signature = instanceSignature("192.0.2.10", 5060);
    EXPECT_NE(signature, instanceSignature("192.0.2.11", 5060));
    EXPECT_NE(signature, instanceSignature("192.0.2.10", 5061));
    // The two 64-bit halves are not copies of each other.
    EXPECT_NE(signature.substr(0, 16), signature.substr(16));
}

TEST(StatelessToTag, TagIs41CharsWithADot) {
    const std::string signature = instanceSignature("192.0.2.10", 5060);
    const std::string tag = statelessToTag(signature, kVia, kCallId);
    ASSERT_EQ(tag.size(), 41u);
    EXPECT_EQ(tag.substr(0, 32), signature);
    EXPECT_EQ(tag[32], '.');
    EXPECT_TRUE(isLowerHex(tag.substr(33))) << tag;
}

TEST(StatelessToTag, SameTransactionGetsTheSameTag) {
    const std::string signature = instanceSignature("192.0.2.10", 5060);
    const TopVia copy{.host = "198.51.100.7", .port = "5062", .branch = "z9hG4bK776"};
    EXPECT_EQ(statelessToTag(signature, kVia, kCallId), statelessToTag(signature, copy, kCallId));
}

TEST(StatelessToTag, EachTransactionPartChangesTheHash) {
    const std::string base = transactionHash(kVia, kCallId);
    EXPECT_EQ(base.size(), 8u);
    EXPECT_NE(base, transactionHash({kVia.host, kVia.port, "z9hG4bK777"}, kCallId));
    EXPECT_NE(base, transactionHash(kVia, "b84b4c76e66710@pc33.example.com"));
    EXPECT_NE(base, transactionHash({"198.51.100.8", kVia.port, kVia.branch}, kCallId));
    EXPECT_NE(base, transactionHash({kVia.host, "5063", kVia.branch}, kCallId));
}

TEST(StatelessToTag, FieldBoundariesMatter) {
    EXPECT_NE(transactionHash({"ab", "", "c"}, "x"), transactionHash({"a", "", "bc"}, "x"));
}

}  // namespace
