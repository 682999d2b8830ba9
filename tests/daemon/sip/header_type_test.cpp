#include "sip/header_type.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace sipline::sip {
namespace {

TEST(HeaderTypeOf, MatchesFullNamesCaseInsensitively) {
    EXPECT_EQ(headerTypeOf("Via"), HeaderType::Via);
    EXPECT_EQ(headerTypeOf("vIA"), HeaderType::Via);
    EXPECT_EQ(headerTypeOf("call-id"), HeaderType::CallId);
    EXPECT_EQ(headerTypeOf("CSEQ"), HeaderType::CSeq);
    EXPECT_EQ(headerTypeOf("content-LENGTH"), HeaderType::ContentLength);
    EXPECT_EQ(headerTypeOf("Proxy-Authorization"), HeaderType::ProxyAuthorization);
    EXPECT_EQ(headerTypeOf("Record-Route"), HeaderType::RecordRoute);
    EXPECT_EQ(headerTypeOf("Refer-To"), HeaderType::ReferTo);
}

TEST(HeaderTypeOf, MapsEveryCompactFormOfRfc3261InBothCases) {
    const std::pair<char, HeaderType> compact_forms[] = {
        {'v', HeaderType::Via},           {'f', HeaderType::From},
        {'t', HeaderType::To},            {'i', HeaderType::CallId},
        {'m', HeaderType::Contact},       {'l', HeaderType::ContentLength},
        {'k', HeaderType::Supported},     {'s', HeaderType::Subject},
        {'c', HeaderType::ContentType},   {'e', HeaderType::ContentEncoding},
        {'o', HeaderType::Event},         {'r', HeaderType::ReferTo},
    };
    for (const auto &[letter, type] : compact_forms) {
        const char lower[] = {letter, '\0'};
        const char upper[] = {static_cast<char>(letter - 'a' + 'A'), '\0'};
        EXPECT_EQ(headerTypeOf(lower), type) << lower;
        EXPECT_EQ(headerTypeOf(upper), type) << upper;
    }
}

TEST(HeaderTypeOf, UnknownNamesAndLettersAreOther) {
    EXPECT_EQ(headerTypeOf(""), HeaderType::Other);
    EXPECT_EQ(headerTypeOf("X-Custom"), HeaderType::Other);
    EXPECT_EQ(headerTypeOf("Vias"), HeaderType::Other);
    EXPECT_EQ(headerTypeOf("Vi"), HeaderType::Other);
    EXPECT_EQ(headerTypeOf("x"), HeaderType::Other);
    EXPECT_EQ(headerTypeOf("a"), HeaderType::Other);  // Accept-Contact: not a type we know
}

// headerTypeOf compares a word at a time; these pin down that it still means "equal but for
// the case of letters": every case of every letter matches, and a byte that differs from a
// letter only in the case bit (0x40 '@' vs 0x60 '`') or a '-' turned into CR does not.
TEST(HeaderTypeOf, EveryCaseOfEveryLetterMatchesAndNothingElse) {
    for (int i = 1; i < static_cast<int>(HeaderType::Count_); ++i) {
        const auto type = static_cast<HeaderType>(i);
        const std::string name{canonicalName(type)};
        for (size_t at = 0; at < name.size(); ++at) {
            std::string changed = name;
            const char c = name[at];
            const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            changed[at] = static_cast<char>(c ^ 0x20);
            EXPECT_EQ(headerTypeOf(changed), letter ? type : HeaderType::Other) << changed;
            changed[at] = static_cast<char>(c + 1);
            EXPECT_NE(headerTypeOf(changed), type) << changed;
        }
        std::string upper = name, lower = name;
        for (char &c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        EXPECT_EQ(headerTypeOf(upper), type) << upper;
        EXPECT_EQ(headerTypeOf(lower), type) << lower;
    }
}

TEST(CanonicalName, RoundTripsThroughHeaderTypeOf) {
    for (int i = 1; i < static_cast<int>(HeaderType::Count_); ++i) {
        const auto type = static_cast<HeaderType>(i);
        ASSERT_FALSE(canonicalName(type).empty());
        EXPECT_EQ(headerTypeOf(canonicalName(type)), type) << canonicalName(type);
    }
    EXPECT_EQ(canonicalName(HeaderType::CallId), "Call-ID");
    EXPECT_EQ(canonicalName(HeaderType::Other), "");
    EXPECT_EQ(canonicalName(HeaderType::Count_), "");
}

TEST(EqualsIgnoreCase, ComparesAsciiLettersOnly) {
    EXPECT_TRUE(equalsIgnoreCase("Content-Type", "content-type"));
    EXPECT_TRUE(equalsIgnoreCase("", ""));
    EXPECT_FALSE(equalsIgnoreCase("abc", "abcd"));
    EXPECT_FALSE(equalsIgnoreCase("a-b", "a_b"));
    EXPECT_FALSE(equalsIgnoreCase("@", "`"));  // 0x40/0x60 differ by the case bit but are not letters
}

}  // namespace
}  // namespace sipline::sip
