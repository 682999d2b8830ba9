// parse_uris (1024), digest_credentials (2048), authorization (8192) and duplicated_tags (4096),
// both directions, with the exact replies.
#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "request_text.hpp"

namespace {

using namespace sanity_test;
using namespace sipline::sanity;

CheckOptions uris(uint32_t uri_checks) {
    CheckOptions options;
    options.uri_checks = uri_checks;
    return options;
}

TEST(ParseUris, PassesAWellFormedRequestWithEveryUriChecked) {
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.str(), uris(15)), "pass");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{"REGISTER", "sip:example.com"}.set("Contact", "*").str(), uris(15)),
              "pass");
}

TEST(ParseUris, RequestUri) {
    EXPECT_EQ(runCheck(checkParseUris, RequestText{"INVITE", "sip:user@example.com;"}.str(), uris(1)),
              "400 Bad Request URI");
    // Unlike ruri_scheme, an unknown scheme is simply a URI Kamailio's parser cannot parse.
    EXPECT_EQ(runCheck(checkParseUris, RequestText{"OPTIONS", "foo:bar"}.str(), uris(1)), "400 Bad Request URI");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{"OPTIONS", "foo:bar"}.str(), uris(6)), "pass");
}

TEST(ParseUris, From) {
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("From", "<http://www.example.com>;tag=3234233").str(), uris(2)),
              "400 Invalid From Header");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("From", "Bell, Alexander <sip:a.g.bell@example.com>;tag=43").str(),
                       uris(2)),
              "400 Invalid From Header");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.remove("From").str(), uris(2)), "no reply");
}

TEST(ParseUris, To) {
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("To", "\"Watson, Thomas\" < sip:t.watson@example.org >").str(),
                       uris(4)),
              "400 Invalid To Header");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("To", "isbn:2983792873").str(), uris(4)), "400 Invalid To Header");
    // A To whose structure breaks stops Kamailio's parser itself: there is no To to answer.
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("To", "\"Mr. J. User <sip:j.user@example.com>").str(), uris(4)),
              "no reply");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.remove("To").str(), uris(4)), "no reply");
}

TEST(ParseUris, Contact) {
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("Contact", "<sip:caller@>").str(), uris(8)),
              "400 Bad Contact URI");
    // RFC 4475 regbadct: URI headers in an addr-spec without angle brackets.
    EXPECT_EQ(runCheck(checkParseUris,
                       RequestText{}.set("Contact", "sip:user@example.com?Route=%3Csip:sip.example.com%3E").str(), uris(8)),
              "400 Bad Contact URI");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("Contact", "\"Joe\" <sip:joe@example.org>;;;;").str(), uris(8)),
              "400 Bad Contact Header");
    // Every Contact field must parse; only the first contact's URI is parsed, as in Kamailio.
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.add("Contact: <sip:a@b").str(), uris(8)), "400 Bad Contact Header");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.add("Contact: <sip:@nobody>").str(), uris(8)), "pass");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.add("Via: SIP/2.0/UDP").str(), uris(8)), "400 Bad Contact Header");
    EXPECT_EQ(runCheck(checkParseUris, RequestText{}.set("Contact", "<sip:caller@>").str(), uris(7)), "pass");
}

const std::string kCredentials =
    "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd2f0e\", uri=\"sip:bob@biloxi.com\", "
    "response=\"6629fae49393a05397450978507c4ef1\"";

TEST(DigestCredentials, PassesValidOrAbsentCredentials) {
    EXPECT_EQ(runCheck(checkDigestCredentials, RequestText{}.str()), "pass");
    EXPECT_EQ(runCheck(checkDigestCredentials, RequestText{}.set("Authorization", kCredentials).str()), "pass");
    EXPECT_EQ(runCheck(checkDigestCredentials, RequestText{}.set("Proxy-Authorization", kCredentials).str()), "pass");
}

TEST(DigestCredentials, AnswersEachProblem) {
    const auto with = [](const std::string &value) {
        return runCheck(checkDigestCredentials, RequestText{}.set("Authorization", value).str());
    };
    EXPECT_EQ(with("Digest username=\"bob\", realm"), "400 Bad Auth Header");
    EXPECT_EQ(with("Digest username=\"bob\", realm=\"r\""), "400 Bad Auth Credentials");
    EXPECT_EQ(with("Digest username=\"\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\""), "400 Auth Empty User");
    EXPECT_EQ(with("Digest username=\"u\", realm=\"r\", nonce=\"\", uri=\"u\", response=\"x\""), "400 Auth Empty Nonce");
    EXPECT_EQ(with("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"\""),
              "400 Auth Empty Response");
}

TEST(DigestCredentials, ChecksProxyAuthorizationAfterAuthorization) {
    EXPECT_EQ(runCheck(checkDigestCredentials,
                       RequestText{}.set("Authorization", kCredentials).set("Proxy-Authorization", "Digest x").str()),
              "400 Bad Auth Header");
}

TEST(DigestCredentials, AnotherSchemeFailsSilently) {
    EXPECT_EQ(runCheck(checkDigestCredentials,
                       RequestText{"REGISTER", "sip:example.com"}.set("Authorization", "NoOneKnowsThisScheme opaque-data=here").str()),
              "silent");
}

TEST(DigestCredentials, ABrokenHeaderAnywhereIsBadHeaders) {
    EXPECT_EQ(runCheck(checkDigestCredentials, RequestText{}.add("CSeq: 1").str()), "400 Bad Headers");
}

TEST(Authorization, AnotherSchemePassesAndEndsTheInspection) {
    EXPECT_EQ(runCheck(checkAuthorization, RequestText{}.set("Authorization", "Basic QWxhZGRpbjpvcGVu").str()), "pass");
    EXPECT_EQ(runCheck(checkAuthorization,
                       RequestText{}.set("Authorization", "Basic QWxhZGRpbjpvcGVu").set("Proxy-Authorization", "Digest x").str()),
              "pass");
    EXPECT_EQ(runCheck(checkAuthorization, RequestText{}.set("Authorization", "Digest realm=\"r\", x=y").str()),
              "400 Bad Auth Credentials");
}

TEST(DuplicatedTags, PassesSingleTags) {
    EXPECT_EQ(runCheck(checkDuplicatedTags, RequestText{}.str()), "pass");
    EXPECT_EQ(runCheck(checkDuplicatedTags, RequestText{}.set("To", "<sip:b@x>;tag=1").str()), "pass");
}

TEST(DuplicatedTags, AnswersASecondTagWith400) {
    EXPECT_EQ(runCheck(checkDuplicatedTags, RequestText{}.set("From", "<sip:a@x>;tag=1;tag=2").str()),
              "400 Many From Tag Params");
    EXPECT_EQ(runCheck(checkDuplicatedTags, RequestText{}.set("To", "sip:b@x;tag=1;TAG=2").str()),
              "400 Many To Tag Params");
}

TEST(DuplicatedTags, MissingOrUnparsableFromOrToForbidsReplies) {
    EXPECT_EQ(runCheck(checkDuplicatedTags, RequestText{}.remove("From").str()), "no reply");
    EXPECT_EQ(runCheck(checkDuplicatedTags, RequestText{}.set("From", "<sip:a@x").str()), "no reply");
    EXPECT_EQ(runCheck(checkDuplicatedTags, RequestText{}.remove("To").str()), "no reply");
}

}  // namespace
