// The Max-Forwards arithmetic against Kamailio's maxfwd return codes (spec section 3).
#include <gtest/gtest.h>

#include "max_forwards.hpp"

namespace {

using sipline::maxfwd::decideIsLessThan;
using sipline::maxfwd::decideProcess;
using sipline::maxfwd::parseMaxForwards;
using Edit = sipline::maxfwd::ProcessOutcome::Edit;

constexpr int64_t kLimit = 70;

TEST(ParseMaxForwards, ReadsDigitsAfterTrimming) {
    EXPECT_EQ(parseMaxForwards("70"), 70);
    EXPECT_EQ(parseMaxForwards(" \t10 "), 10);
    EXPECT_EQ(parseMaxForwards("00070"), 70);
    EXPECT_EQ(parseMaxForwards("65535"), 65535);
}

TEST(ParseMaxForwards, EmptyParsesAsZeroLikeKamailio) {
    EXPECT_EQ(parseMaxForwards(""), 0);
    EXPECT_EQ(parseMaxForwards("  "), 0);
}

TEST(ParseMaxForwards, RefusesNonDigitsAndMoreThanFiveDigits) {
    for (const char *bad : {"ten", "1a", "-1", "+5", "1 0", "0x10", "000070", "123456"})
        EXPECT_EQ(parseMaxForwards(bad), std::nullopt) << bad;
}

TEST(ParseMaxForwards, RefusesFiveDigitValuesAbove65535InsteadOfWrapping) {
    EXPECT_EQ(parseMaxForwards("65536"), std::nullopt); // Kamailio: wraps to 0
    EXPECT_EQ(parseMaxForwards("99999"), std::nullopt); // Kamailio: wraps to 34463
}

TEST(MaxfwdProcess, AddsHeaderUndecrementedAndReturns2WhenAbsent) {
    const auto outcome = decideProcess(std::nullopt, 10, kLimit);
    EXPECT_EQ(outcome.rc, 2);
    EXPECT_EQ(outcome.edit, Edit::AddHeader);
    EXPECT_EQ(outcome.value, "10");
}

TEST(MaxfwdProcess, AddsMaxValueEvenAboveMaxLimit) {
    const auto outcome = decideProcess(std::nullopt, 100, kLimit);
    EXPECT_EQ(outcome.rc, 2);
    EXPECT_EQ(outcome.value, "100");
}

TEST(MaxfwdProcess, DecrementsAndReturns1WhenPositive) {
    const auto outcome = decideProcess("70", 10, kLimit);
    EXPECT_EQ(outcome.rc, 1);
    EXPECT_EQ(outcome.edit, Edit::SetValue);
    EXPECT_EQ(outcome.value, "69");
}

TEST(MaxfwdProcess, DecrementsOneToZero) {
    const auto outcome = decideProcess("1", 10, kLimit);
    EXPECT_EQ(outcome.rc, 1);
    EXPECT_EQ(outcome.value, "0");
}

TEST(MaxfwdProcess, WritesThePlainNumberWithoutPadding) {
    EXPECT_EQ(decideProcess("10", 10, kLimit).value, "9"); // Kamailio writes " 9" in place
    EXPECT_EQ(decideProcess(" 10 ", 10, kLimit).value, "9");
}

TEST(MaxfwdProcess, ReturnsMinus1WithoutEditWhenZero) {
    const auto outcome = decideProcess("0", 10, kLimit);
    EXPECT_EQ(outcome.rc, -1);
    EXPECT_EQ(outcome.edit, Edit::None);
}

TEST(MaxfwdProcess, EmptyValueCountsAsZero) {
    EXPECT_EQ(decideProcess("", 10, kLimit).rc, -1);
}

TEST(MaxfwdProcess, ClampsValuesAboveMaxLimitToExactlyMaxLimit) {
    EXPECT_EQ(decideProcess("71", 10, kLimit).value, "70");
    EXPECT_EQ(decideProcess("255", 10, kLimit).value, "70");
    EXPECT_EQ(decideProcess("65535", 10, kLimit).value, "70");
    EXPECT_EQ(decideProcess("70", 10, kLimit).value, "69"); // at the limit: a plain decrement
    EXPECT_EQ(decideProcess("200", 10, 16).value, "16");
}

TEST(MaxfwdProcess, MaxLimitZeroForwardsZero) {
    const auto outcome = decideProcess("5", 10, 0);
    EXPECT_EQ(outcome.rc, 1);
    EXPECT_EQ(outcome.value, "0");
}

TEST(MaxfwdProcess, ReturnsMinus2WithoutEditForGarbage) {
    for (const char *bad : {"ten", "-1", "123456", "65536", "7 0"}) {
        const auto outcome = decideProcess(bad, 10, kLimit);
        EXPECT_EQ(outcome.rc, -2) << bad;
        EXPECT_EQ(outcome.edit, Edit::None) << bad;
    }
}

TEST(MaxfwdProcess, ReturnsMinus1ForMaxValueOutside0To255EvenWithoutHeader) {
    EXPECT_EQ(decideProcess(std::nullopt, 256, kLimit).rc, -1);
    EXPECT_EQ(decideProcess(std::nullopt, -1, kLimit).rc, -1);
    EXPECT_EQ(decideProcess("70", 256, kLimit).edit, Edit::None);
    EXPECT_EQ(decideProcess(std::nullopt, 0, kLimit).rc, 2);
    EXPECT_EQ(decideProcess(std::nullopt, 255, kLimit).rc, 2);
}

TEST(MaxfwdIsLessThan, ComparesTheReceivedValue) {
    EXPECT_EQ(decideIsLessThan("5", 10), 1);
    EXPECT_EQ(decideIsLessThan("9", 10), 1);
    EXPECT_EQ(decideIsLessThan("10", 10), -1);
    EXPECT_EQ(decideIsLessThan("70", 10), -1);
    EXPECT_EQ(decideIsLessThan("", 1), 1); // empty parses as 0
}

TEST(MaxfwdIsLessThan, ReturnsMinus2WhenAbsentAndMinus3WhenUnparsable) {
    EXPECT_EQ(decideIsLessThan(std::nullopt, 10), -2);
    EXPECT_EQ(decideIsLessThan("ten", 10), -3);
    EXPECT_EQ(decideIsLessThan("65536", 10), -3);
}

TEST(MaxfwdIsLessThan, ReturnsMinus1ForMaxValueOutside0To255) {
    EXPECT_EQ(decideIsLessThan("5", 256), -1);
    EXPECT_EQ(decideIsLessThan(std::nullopt, -1), -1);
}

}  // namespace
