// Kamailio's ds_get_hash, bit for bit (values from an independent re-implementation of
// dispatch.c), and the rendezvous hash's determinism.
#include <gtest/gtest.h>

#include "ds_hash.hpp"

namespace sipline::dispatcher {
namespace {

TEST(KamailioHash, MatchesDsGetHash) {
    EXPECT_EQ(kamailioHash("a"), 109u);
    EXPECT_EQ(kamailioHash("abcd"), 1834959896u);
    EXPECT_EQ(kamailioHash("call-1@10.0.0.1"), 3458662117u);
    EXPECT_EQ(kamailioHash("alice", "example.com"), 1442294598u);
    EXPECT_EQ(kamailioHash("bob", "10.0.0.1:5080"), 2701604707u);
}

TEST(KamailioHash, SignExtendsBytesAbove0x7fLikeCCharOnX86) {
    EXPECT_EQ(kamailioHash("\xe9t\xe9"), 3761726081u);
}

TEST(KamailioHash, EmptyInputsContributeNothingAndZeroBecomesOne) {
    EXPECT_EQ(kamailioHash("abcd", ""), kamailioHash("abcd"));
    EXPECT_EQ(kamailioHash("", ""), 1u);
}

TEST(RendezvousHash, IsDeterministicAndSeparatesFields) {
    EXPECT_EQ(textHash64("call-1"), textHash64("call-1"));
    EXPECT_NE(textHash64("ab", "c"), textHash64("a", "bc"));
    EXPECT_EQ(rendezvousScore(1, 2), rendezvousScore(1, 2));
    EXPECT_NE(rendezvousScore(1, 2), rendezvousScore(1, 3));
}

}  // namespace
}  // namespace sipline::dispatcher
