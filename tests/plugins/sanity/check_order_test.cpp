// The checks run in Kamailio's order, not bit order, and the first failure decides the reply.
#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "request_text.hpp"

namespace {

using namespace sanity_test;
using namespace sipline::sanity;

TEST(CheckOrder, AWellFormedRequestPassesEveryCheck) {
    CheckOptions options;
    options.uri_checks = kAllUriChecks;
    EXPECT_EQ(runAll(RequestText{}.str(), kAllMessageChecks, options), "pass");
}

TEST(CheckOrder, TheFirstFailureInKamailiosOrderWins) {
    // Bad version, bad scheme and a CSeq mismatch: the version is checked first.
    const std::string broken = RequestText{"OPTIONS", "foo:bar"}.startLine("OPTIONS foo:bar SIP/3.0").set("CSeq", "1 INVITE").str();
    EXPECT_EQ(runAll(broken, kDefaultMessageChecks), "ruri_sip_version: 505 Version Not Supported (R-URI)");
    EXPECT_EQ(runAll(broken, kDefaultMessageChecks & ~kRuriSipVersion),
              "ruri_scheme: 416 Unsupported URI Scheme in Request URI");
    EXPECT_EQ(runAll(broken, kCSeqMethod | kCSeqValue), "cseq_method: 400 CSeq method does not match request method");
    // 4096 (duplicated tags) runs after 8192 although its bit is lower.
    const std::string both = RequestText{}.set("From", "<sip:a@x>;tag=1;tag=2").set("Authorization", "Digest x=y").str();
    EXPECT_EQ(runAll(both, kDuplicatedTags | kAuthorization), "authorization: 400 Bad Auth Credentials");
    // 16384 and 32768 run right after required_headers, before the CSeq checks.
    EXPECT_EQ(runAll(RequestText{}.set("Via", "SIP/2.0/UDP h").set("CSeq", "x INVITE").str(), kVia1Header | kCSeqValue),
              "via1_header: no reply");
}

TEST(CheckOrder, SizeChecksRunFirstWhenEnabledForEveryCall) {
    CheckOptions options;
    options.config.size_checks = true;
    options.config.sizes.message = 50;
    EXPECT_EQ(runAll(RequestText{}.str(), kRuriSipVersion, options), "sizes: silent");
}

TEST(CheckOrder, RepliesRunOnlyHeaderLevelChecks) {
    const std::string reply = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
                              "To: <sip:b@x>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    CheckOptions options;
    options.uri_checks = kAllUriChecks;
    EXPECT_EQ(runAll(reply, kAllMessageChecks, options), "pass");
    const std::string broken = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
                               "To: <sip:b@x>;tag=2\r\nCall-ID: c\r\nCSeq: 99999999999 INVITE\r\n\r\n";
    EXPECT_EQ(runAll(broken, kDefaultMessageChecks), "cseq_value: 400 CSeq number is illegal");
}

}  // namespace
