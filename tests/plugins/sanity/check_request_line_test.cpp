// ruri_sip_version (1) and ruri_scheme (2), both directions, with the exact replies.
#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "request_text.hpp"

namespace {

using namespace sanity_test;
using sipline::sanity::checkRuriScheme;
using sipline::sanity::checkRuriSipVersion;

TEST(RuriSipVersion, PassesSip20) {
    EXPECT_EQ(runCheck(checkRuriSipVersion, RequestText{}.str()), "pass");
    EXPECT_EQ(runCheck(checkRuriSipVersion, RequestText{}.startLine("INVITE sip:a@b sip/2.0").str()), "pass");
}

TEST(RuriSipVersion, AnswersOtherVersionsWith505) {
    EXPECT_EQ(runCheck(checkRuriSipVersion, RequestText{"OPTIONS"}.startLine("OPTIONS sip:t.watson@example.org SIP/7.0").str()),
              "505 Version Not Supported (R-URI)");
    EXPECT_EQ(runCheck(checkRuriSipVersion, RequestText{}.startLine("INVITE sip:a@b SIP/2.00").str()),
              "505 Version Not Supported (R-URI)");
}

TEST(RuriSipVersion, FailsSilentlyWithoutASlash) {
    EXPECT_EQ(runCheck(checkRuriSipVersion, RequestText{}.startLine("INVITE sip:a@b SIP20").str()), "silent");
}

TEST(RuriSipVersion, IgnoresReplies) {
    EXPECT_EQ(runCheck(checkRuriSipVersion, "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n"), "pass");
}

TEST(RuriScheme, PassesSipSipsTelTels) {
    for (const char *ruri : {"sip:bob@example.com", "sips:bob@example.com", "tel:+12015550123", "tels:5550123"})
        EXPECT_EQ(runCheck(checkRuriScheme, RequestText{"INVITE", ruri}.str()), "pass") << ruri;
}

TEST(RuriScheme, AnswersUnknownSchemesWith416) {
    EXPECT_EQ(runCheck(checkRuriScheme, RequestText{"OPTIONS", "nobodyKnowsThisScheme:totallyopaquecontent"}.str()),
              "416 Unsupported URI Scheme in Request URI");
    EXPECT_EQ(runCheck(checkRuriScheme, RequestText{"OPTIONS", "soap.beep://192.0.2.103:3002"}.str()),
              "416 Unsupported URI Scheme in Request URI");
}

TEST(RuriScheme, AnswersUnparsableUrisWith400) {
    for (const char *ruri : {"<sip:user@example.com>", "sip:", "sip:user@example.com:70000",
                             "sip:user@example.com?Route=%3Csip:example.com%3E"})
        EXPECT_EQ(runCheck(checkRuriScheme, RequestText{"INVITE", ruri}.str()), "400 Bad Request URI") << ruri;
}

TEST(RuriScheme, ReadsTheRewrittenRequestUri) {
    FakeMessage message{RequestText{}.str()};
    message.rewriteRuri("mailto:bob@example.com");
    EXPECT_EQ(runCheck(checkRuriScheme, message), "416 Unsupported URI Scheme in Request URI");
}

TEST(RuriScheme, IgnoresReplies) {
    EXPECT_EQ(runCheck(checkRuriScheme, "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n"), "pass");
}

}  // namespace
