#include "sip/cseq.hpp"

#include <gtest/gtest.h>

namespace sipline::sip {
namespace {

TEST(ParseCSeq, ReadsNumberAndMethod) {
    const auto cseq = parseCSeq(" 314159 INVITE ");
    ASSERT_TRUE(cseq);
    EXPECT_EQ(cseq->number_text, "314159");
    EXPECT_EQ(cseq->number, 314159u);
    EXPECT_TRUE(cseq->number_valid);
    EXPECT_EQ(cseq->method, "INVITE");
}

TEST(ParseCSeq, AllowsFoldsAndLeadingZeros) {
    const auto cseq = parseCSeq("0009\r\n  INVITE");  // wsinv
    ASSERT_TRUE(cseq);
    EXPECT_EQ(cseq->number, 9u);
    EXPECT_TRUE(cseq->number_valid);
    EXPECT_EQ(cseq->method, "INVITE");
}

TEST(ParseCSeq, NumbersBeyond32BitsParseButAreInvalid) {
    const auto max = parseCSeq("4294967295 ACK");
    ASSERT_TRUE(max);
    EXPECT_TRUE(max->number_valid);
    EXPECT_EQ(max->number, 4294967295u);

    const auto over = parseCSeq("4294967296 ACK");
    ASSERT_TRUE(over);
    EXPECT_FALSE(over->number_valid);

    const auto huge = parseCSeq("36893488147419103232 REGISTER");  // scalar02
    ASSERT_TRUE(huge);
    EXPECT_FALSE(huge->number_valid);
    EXPECT_EQ(huge->number_text, "36893488147419103232");
    EXPECT_EQ(huge->method, "REGISTER");

    const auto letters = parseCSeq("abc INVITE");
    ASSERT_TRUE(letters);
    EXPECT_FALSE(letters->number_valid);
}

TEST(ParseCSeq, MethodMayBeAnyToken) {
    const auto cseq = parseCSeq("139122385 !interesting-Method0123456789_*+`.%indeed'~");  // intmeth
    ASSERT_TRUE(cseq);
    EXPECT_EQ(cseq->method, "!interesting-Method0123456789_*+`.%indeed'~");
}

TEST(ParseCSeq, RejectsValuesNotShapedLikeNumberAndMethod) {
    EXPECT_FALSE(parseCSeq(""));
    EXPECT_FALSE(parseCSeq("123"));
    EXPECT_FALSE(parseCSeq("INVITE"));
    EXPECT_FALSE(parseCSeq("1 INVITE extra"));
    EXPECT_FALSE(parseCSeq("1 INV,ITE"));
    EXPECT_FALSE(parseCSeq("1\"2 INVITE"));
}

}  // namespace
}  // namespace sipline::sip
