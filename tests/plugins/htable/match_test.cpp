// How items are selected: $shtcn/$shtcv expressions and the rm_*/match_* operators.
#include <gtest/gtest.h>

#include "match.hpp"

namespace {

using namespace sipline::htable;

Cell cell(std::string name, CellValue value) { return Cell{std::move(name), std::move(value), 0, 0}; }

TEST(CountMatcher, KnowsKamailiosPrefixes) {
    std::string why;
    const Cell item = cell("user:alice", std::string{"sip:alice@example.com"});
    EXPECT_TRUE((*countMatcher("~~^USER:", MatchOn::Name, &why))(item)) << "regexps are case-insensitive";
    EXPECT_TRUE((*countMatcher("user", MatchOn::Name, &why))(item)) << "plain text is a regexp";
    EXPECT_TRUE((*countMatcher("~%alice", MatchOn::Name, &why))(item));
    EXPECT_FALSE((*countMatcher("~%user", MatchOn::Name, &why))(item));
    EXPECT_TRUE((*countMatcher("%~user:", MatchOn::Name, &why))(item));
    EXPECT_TRUE((*countMatcher("==user:alice", MatchOn::Name, &why))(item));
    EXPECT_TRUE((*countMatcher("**", MatchOn::Name, &why))(item));
    EXPECT_EQ(countMatcher("**", MatchOn::Name, &why)->op, MatchOp::All);
    EXPECT_TRUE((*countMatcher("%~sip:", MatchOn::Value, &why))(item));
    EXPECT_TRUE((*countMatcher("eq7", MatchOn::Value, &why))(cell("n", int64_t{7})));
    EXPECT_FALSE((*countMatcher("eq7", MatchOn::Value, &why))(cell("n", std::string{"7"})));
    EXPECT_FALSE((*countMatcher("==7", MatchOn::Value, &why))(cell("n", int64_t{7}))) << "text ops skip integers";
}

TEST(CountMatcher, RefusesBadExpressions) {
    std::string why;
    EXPECT_FALSE(countMatcher("~~(", MatchOn::Name, &why));
    EXPECT_NE(why.find("bad regular expression"), std::string::npos) << why;
    EXPECT_FALSE(countMatcher("eqx", MatchOn::Value, &why));
    EXPECT_NE(why.find("eq must be followed by an integer"), std::string::npos);
}

TEST(OperatorMatcher, RemoveAndMatchOperators) {
    std::string why;
    const Cell item = cell("10.0.0.1", std::string{"banned"});
    EXPECT_TRUE((*operatorMatcher("re", "^10\\.0\\.", MatchOn::Name, OperatorSet::Remove, &why))(item));
    EXPECT_TRUE((*operatorMatcher("sw", "10.", MatchOn::Name, OperatorSet::Remove, &why))(item));
    EXPECT_TRUE((*operatorMatcher("ew", ".1", MatchOn::Name, OperatorSet::Remove, &why))(item));
    EXPECT_TRUE((*operatorMatcher("in", "0.0", MatchOn::Name, OperatorSet::Remove, &why))(item));
    EXPECT_TRUE((*operatorMatcher("eq", "banned", MatchOn::Value, OperatorSet::Match, &why))(item));
    EXPECT_FALSE((*operatorMatcher("ne", "banned", MatchOn::Value, OperatorSet::Match, &why))(item));
    EXPECT_FALSE(operatorMatcher("eq", "x", MatchOn::Name, OperatorSet::Remove, &why));
    EXPECT_NE(why.find("expected re, sw, ew or in"), std::string::npos);
    EXPECT_FALSE(operatorMatcher("in", "x", MatchOn::Name, OperatorSet::Match, &why));
    EXPECT_NE(why.find("expected eq, ne, re or sw"), std::string::npos);
}

}  // namespace
