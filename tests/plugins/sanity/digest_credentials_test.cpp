// Authorization values as Kamailio's digest parser reads them.
#include <gtest/gtest.h>

#include "digest_credentials.hpp"

namespace {

using namespace sipline::sanity;
using Status = CredentialsParse::Status;

constexpr const char *kGood = "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b\", "
                              "uri=\"sip:bob@biloxi.com\", response=\"6629fae4\", algorithm=MD5";

TEST(DigestCredentials, ParsesTheParameters) {
    const CredentialsParse parsed = parseCredentials(kGood);
    ASSERT_EQ(parsed.status, Status::Digest);
    EXPECT_EQ(parsed.digest.username, "bob");
    EXPECT_EQ(parsed.digest.realm, "biloxi.com");
    EXPECT_EQ(parsed.digest.uri, "sip:bob@biloxi.com");
    EXPECT_EQ(judgeDigest(parsed.digest), DigestProblem::None);
}

TEST(DigestCredentials, OtherSchemes) {
    EXPECT_EQ(parseCredentials("NoOneKnowsThisScheme opaque-data=here").status, Status::OtherScheme); // regaut01
    EXPECT_EQ(parseCredentials("Basic QWxhZGRpbjpvcGVu").status, Status::OtherScheme);
    EXPECT_EQ(parseCredentials("Digest").status, Status::OtherScheme); // too short, as Kamailio says
    EXPECT_EQ(parseCredentials("Digestive x=1").status, Status::OtherScheme);
}

TEST(DigestCredentials, MalformedParameters) {
    EXPECT_EQ(parseCredentials("Digest username").status, Status::Malformed);
    EXPECT_EQ(parseCredentials("Digest username=").status, Status::Malformed);
    EXPECT_EQ(parseCredentials("Digest username=\"bob").status, Status::Malformed);
    EXPECT_EQ(parseCredentials("Digest username=bob,").status, Status::Malformed);
    EXPECT_EQ(parseCredentials("Digest username=,realm=x").status, Status::Malformed);
}

TEST(DigestCredentials, JudgedInKamailiosOrder) {
    auto judge = [](const char *text) { return judgeDigest(parseCredentials(text).digest); };
    EXPECT_EQ(judge("Digest username=\"bob\", realm=\"r\", nonce=\"n\", uri=\"u\""), DigestProblem::Incomplete);
    EXPECT_EQ(judge("Digest username=\"bob\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth"),
              DigestProblem::Incomplete); // qop needs cnonce and nc
    EXPECT_EQ(judge("Digest username=\"bob\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=auth, "
                    "cnonce=\"c\", nc=00000001"),
              DigestProblem::None);
    EXPECT_EQ(judge("Digest username=\"\", realm=\"r\", nonce=\"\", uri=\"u\", response=\"\""),
              DigestProblem::EmptyUsername);
    EXPECT_EQ(judge("Digest username=\"a\", realm=\"r\", nonce=\"\", uri=\"u\", response=\"\""),
              DigestProblem::EmptyNonce);
    EXPECT_EQ(judge("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"\""),
              DigestProblem::EmptyResponse);
}

}  // namespace
