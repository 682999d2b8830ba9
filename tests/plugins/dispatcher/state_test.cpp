// Kamailio's state machine (ds_update_state), the flag letters of dispatcher.list, the state
// letters of ds_mark_dst and dispatcher.set_state, and ds_ping_reply_codes.
#include <gtest/gtest.h>

#include "flags.hpp"
#include "reply_codes.hpp"
#include "state_update.hpp"

namespace sipline::dispatcher {
namespace {

TEST(FlagLetters, FollowKamailiosPrecedence) {
    EXPECT_EQ(flagLetters(0), "AX");
    EXPECT_EQ(flagLetters(kProbing), "AP");
    EXPECT_EQ(flagLetters(kTrying | kProbing), "TP");
    EXPECT_EQ(flagLetters(kInactive | kTrying | kProbing), "IP");
    EXPECT_EQ(flagLetters(kDisabled), "DX");
    EXPECT_EQ(flagLetters(kInactive | kDisabled), "IX");
    EXPECT_EQ(flagLetters(kNoPing), "AN");
}

TEST(MarkLetters, ParseLeftToRight) {
    EXPECT_EQ(parseMarkLetters("ip"), kInactive | kProbing);
    EXPECT_EQ(parseMarkLetters("IPa"), 0u);
    EXPECT_EQ(parseMarkLetters("aT"), kTrying);
    EXPECT_EQ(parseMarkLetters("d"), kDisabled);
    EXPECT_FALSE(parseMarkLetters("x"));
    EXPECT_FALSE(parseMarkLetters(""));
}

TEST(RpcStateLetters, AcceptKamailiosForms) {
    EXPECT_EQ(parseRpcState("a").bits, 0u);
    EXPECT_EQ(parseRpcState("1").bits, 0u);
    EXPECT_EQ(parseRpcState("ip").bits, kInactive | kProbing);
    EXPECT_EQ(parseRpcState("0P").bits, kInactive | kProbing);
    EXPECT_EQ(parseRpcState("d").bits, kDisabled);
    EXPECT_EQ(parseRpcState("3").bits, kTrying);
    EXPECT_FALSE(parseRpcState("dp").bits);
    EXPECT_EQ(parseRpcState("x").fault, "Unknown State Value");
    EXPECT_EQ(parseRpcState("").fault, "Invalid State Parameter");
}

uint32_t probe(Destination &d, uint32_t state, Thresholds t) {
    return updateState(d, state, StateSource::Probe, t).after;
}

TEST(StateUpdate, TryingBecomesInactiveAtTheProbingThreshold) {
    Destination d;
    d.flags = kProbing;
    const Thresholds t{3, 1};
    EXPECT_EQ(probe(d, kTrying | kProbing, t), kTrying | kProbing);
    EXPECT_EQ(probe(d, kTrying | kProbing, t), kTrying | kProbing);
    const auto change = updateState(d, kTrying | kProbing, StateSource::Probe, t);
    EXPECT_EQ(change.after, kInactive | kProbing);
    EXPECT_TRUE(change.wentDown());
    // A success in between resets the count.
    d.flags = kProbing;
    probe(d, kTrying | kProbing, t);
    probe(d, kProbing, t);
    EXPECT_EQ(probe(d, kTrying | kProbing, t), kTrying | kProbing);
}

TEST(StateUpdate, InactiveComesBackAfterTheInactiveThreshold) {
    Destination d;
    d.flags = kInactive | kProbing;
    const Thresholds t{1, 2};
    EXPECT_EQ(probe(d, kProbing, t), kInactive | kProbing) << "one success is not enough";
    const auto change = updateState(d, kProbing, StateSource::Probe, t);
    EXPECT_EQ(change.after, kProbing);
    EXPECT_TRUE(change.wentUp());
}

TEST(StateUpdate, InactiveCannotGoToTryingAndDisabledDropsEverythingElse) {
    Destination d;
    d.flags = kInactive | kProbing;
    EXPECT_EQ(probe(d, kTrying | kProbing, {5, 1}), kInactive | kProbing);
    EXPECT_EQ(updateState(d, kDisabled | kProbing | kInactive, StateSource::Script, {}).after, kDisabled);
}

TEST(StateUpdate, ScriptMarksBypassThresholds) {
    Destination d;
    EXPECT_EQ(updateState(d, kTrying, StateSource::Script, {10, 10}).after, kInactive);
    EXPECT_EQ(updateState(d, 0, StateSource::Script, {10, 10}).after, 0u);
}

TEST(StateUpdate, RpcWritesTheBitsAsGivenAndKeepsNoPing) {
    Destination d;
    d.flags = kNoPing | kTrying;
    EXPECT_EQ(updateState(d, kInactive, StateSource::Rpc, {}).after, kNoPing | kInactive);
}

TEST(ReplyCodes, TwoHundredsAlwaysAndListedCodesOrClasses) {
    std::string why;
    const auto codes = parseReplyCodes("code=404;class=3", &why);
    ASSERT_TRUE(codes) << why;
    EXPECT_TRUE(codes->accepts(200));
    EXPECT_TRUE(codes->accepts(299));
    EXPECT_TRUE(codes->accepts(404));
    EXPECT_TRUE(codes->accepts(302));
    EXPECT_FALSE(codes->accepts(408));
    EXPECT_FALSE(codes->accepts(500));
    EXPECT_FALSE(parseReplyCodes("code=99", &why));
    EXPECT_FALSE(parseReplyCodes("class=7", &why));
    EXPECT_FALSE(parseReplyCodes("foo=1", &why));
    EXPECT_NE(why.find("foo=1"), std::string::npos);
}

}  // namespace
}  // namespace sipline::dispatcher
