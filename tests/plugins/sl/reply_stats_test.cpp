// sl's counters: exclusive buckets and the sl.stats answer.
#include <gtest/gtest.h>

#include "reply_stats.hpp"

namespace {

using sipline::sl::bucketFor;
using sipline::sl::bucketName;
using sipline::sl::ReplyBucket;
using sipline::sl::ReplyStats;

TEST(ReplyBuckets, SpecificCodesHaveTheirOwnBucket) {
    for (const int code : {200, 202, 300, 301, 302, 400, 401, 403, 404, 407, 408, 483, 500})
        EXPECT_EQ(bucketName(bucketFor(code)), std::to_string(code));
}

TEST(ReplyBuckets, OtherCodesFallIntoTheirClass) {
    EXPECT_EQ(bucketFor(100), ReplyBucket::k1xx);
    EXPECT_EQ(bucketFor(183), ReplyBucket::k1xx);
    EXPECT_EQ(bucketFor(201), ReplyBucket::k2xx);
    EXPECT_EQ(bucketFor(305), ReplyBucket::k3xx);
    EXPECT_EQ(bucketFor(420), ReplyBucket::k4xx);
    EXPECT_EQ(bucketFor(503), ReplyBucket::k5xx);
    EXPECT_EQ(bucketFor(603), ReplyBucket::k6xx);
    EXPECT_EQ(bucketFor(99), ReplyBucket::kxxx);
    EXPECT_EQ(bucketFor(700), ReplyBucket::kxxx);
    EXPECT_EQ(bucketFor(-200), ReplyBucket::kxxx);
}

TEST(ReplyStats, CountsEachReplyInExactlyOneBucket) {
    ReplyStats stats;
    stats.countSent(200);
    stats.countSent(200);
    stats.countSent(201);
    stats.countSent(404);
    stats.countSent(180);
    EXPECT_EQ(stats.sent(ReplyBucket::k200), 2u);
    EXPECT_EQ(stats.sent(ReplyBucket::k2xx), 1u);
    EXPECT_EQ(stats.sent(ReplyBucket::k404), 1u);
    EXPECT_EQ(stats.sent(ReplyBucket::k4xx), 0u);
    EXPECT_EQ(stats.sent(ReplyBucket::k1xx), 1u);
    EXPECT_EQ(stats.sentTotal(), 5u);
}

TEST(ReplyStats, AnswersWithKamailiosKeysThenOurs) {
    ReplyStats stats;
    stats.countSent(200);
    stats.countSent(100);
    stats.countSent(483);
    stats.countSent(488);
    stats.countFailure();
    stats.countAbsorbedAck();
    stats.countAbsorbedAck();
    EXPECT_EQ(stats.toJson(),
              R"({"200":1,"202":0,"2xx":0,"300":0,"301":0,"302":0,"3xx":0,)"
              R"("400":0,"401":0,"403":0,"404":0,"407":0,"408":0,"483":1,"4xx":1,)"
              R"("500":0,"5xx":0,"6xx":0,"xxx":0,)"
              R"("1xx":1,"sent_replies":4,"failures":1,"received_ACKs":2})");
}

}  // namespace
