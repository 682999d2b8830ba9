// required_headers (4), cseq_method (32), cseq_value (64), content_length (128),
// expires_value (256) and proxy_require (512), both directions, with the exact replies.
#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "request_text.hpp"

namespace {

using namespace sanity_test;
using namespace sipline::sanity;

TEST(RequiredHeaders, PassesAWellFormedRequest) {
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.str()), "pass");
}

TEST(RequiredHeaders, MissingQuadrupleForbidsReplies) {
    for (const char *name : {"From", "To", "Call-ID", "CSeq"})
        EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.remove(name).str()), "no reply") << name;
}

TEST(RequiredHeaders, ABrokenFieldBeforeTheQuadrupleForbidsReplies) {
    // The parser stops at the broken To before it finds the CSeq: Kamailio sees no CSeq.
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.remove("To").addFirst("To: \"unclosed <sip:b@x>").str()),
              "no reply");
}

TEST(RequiredHeaders, ABrokenFieldAfterTheQuadrupleIsBadHeaders) {
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.add("Content-Length: -999").noContentLength().str()),
              "400 Bad Headers");
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.add("Via: SIP/2.0/UDP 192.0.2.15;;,;,,").str()),
              "400 Bad Headers");
}

TEST(RequiredHeaders, MissingOrBrokenViaFailsSilently) {
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.remove("Via").str()), "silent");
    EXPECT_EQ(runCheck(checkRequiredHeaders,
                       RequestText{}.remove("Via").add("Via: SIP/2.0/UDP").str()),
              "silent");
}

TEST(RequiredHeaders, DuplicatesFailSilently) {
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.add("f: <sip:other@example.net>;tag=2").str()), "silent");
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.add("To: <sip:other@example.net>").str()), "silent");
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.add("i: second@x").str()), "silent");
    EXPECT_EQ(runCheck(checkRequiredHeaders, RequestText{}.add("CSeq: 59 INVITE").str()), "silent");
}

TEST(CSeqMethod, PassesWhenTheMethodsMatch) {
    EXPECT_EQ(runCheck(checkCSeqMethod, RequestText{"OPTIONS"}.str()), "pass");
    EXPECT_EQ(runCheck(checkCSeqMethod, RequestText{"NEWMETHOD"}.set("CSeq", "8 NEWMETHOD").str()), "pass");
}

TEST(CSeqMethod, AnswersAMismatchWith400) {
    EXPECT_EQ(runCheck(checkCSeqMethod, RequestText{"OPTIONS"}.set("CSeq", "8 INVITE").str()),
              "400 CSeq method does not match request method");
    EXPECT_EQ(runCheck(checkCSeqMethod, RequestText{"INVITE"}.set("CSeq", "8 invite").str()),
              "400 CSeq method does not match request method"); // methods are case-sensitive
}

TEST(CSeqMethod, MissingIsSilentAndUnparsableForbidsReplies) {
    EXPECT_EQ(runCheck(checkCSeqMethod, RequestText{}.remove("CSeq").str()), "silent");
    EXPECT_EQ(runCheck(checkCSeqMethod, RequestText{}.set("CSeq", "8").str()), "no reply");
    EXPECT_EQ(runCheck(checkCSeqMethod, RequestText{}.set("CSeq", "").str()), "no reply");
}

TEST(CSeqMethod, RepliesHaveNoRequestMethodToCompare) {
    EXPECT_EQ(runCheck(checkCSeqMethod, "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n"), "pass");
}

TEST(CSeqValue, PassesNumbersBelowTwoToThe31) {
    EXPECT_EQ(runCheck(checkCSeqValue, RequestText{}.set("CSeq", "0009 INVITE").str()), "pass");
    EXPECT_EQ(runCheck(checkCSeqValue, RequestText{}.set("CSeq", "2147483647 INVITE").str()), "pass");
}

TEST(CSeqValue, AnswersIllegalNumbersWith400) {
    for (const char *value : {"2147483648 INVITE", "4294967296 INVITE", "36893488147419103232 INVITE",
                              "abc INVITE", "-1 INVITE", "1.5 INVITE"})
        EXPECT_EQ(runCheck(checkCSeqValue, RequestText{}.set("CSeq", value).str()), "400 CSeq number is illegal")
            << value;
}

TEST(CSeqValue, MissingOrUnparsableForbidsReplies) {
    EXPECT_EQ(runCheck(checkCSeqValue, RequestText{}.remove("CSeq").str()), "no reply");
    EXPECT_EQ(runCheck(checkCSeqValue, RequestText{}.set("CSeq", "1").str()), "no reply");
}

TEST(ContentLength, PassesAMatchingOrAbsentLength) {
    EXPECT_EQ(runCheck(checkContentLength, RequestText{}.body("v=0\r\n").str()), "pass");
    EXPECT_EQ(runCheck(checkContentLength, RequestText{}.noContentLength().body("v=0\r\n").str()), "pass");
    // Bytes after the declared body were discarded by the core (RFC 3261 18.3): RFC 4475 dblreq.
    EXPECT_EQ(runCheck(checkContentLength, RequestText{}.contentLength("0").body("INVITE sip:x SIP/2.0\r\n").str()),
              "pass");
}

TEST(ContentLength, AnswersAnUnparsableLengthWith400) {
    EXPECT_EQ(runCheck(checkContentLength, RequestText{}.contentLength("-999").body("v=0\r\n").str()),
              "400 Content-Length Failure");
    // A broken field before it stops the parser first: the same answer.
    EXPECT_EQ(runCheck(checkContentLength, RequestText{}.add("Via: SIP/2.0/UDP").str()), "400 Content-Length Failure");
}

TEST(ContentLength, AnswersAnUnreachableBodyWith400) {
    const std::string text = "INVITE sip:bob@example.com SIP/2.0\r\nContent-Length: 0\r\nVia: SIP/2.0/UDP\r\n\r\n";
    EXPECT_EQ(runCheck(checkContentLength, text), "400 Content-Length Body Failure");
}

TEST(ContentLength, AnswersAShortBodyWith400) {
    FakeMessage message{RequestText{}.contentLength("10").body("v=0\r\n").str()};
    EXPECT_EQ(runCheck(checkContentLength, message), "400 Content-Length mis-match");
}

TEST(ExpiresValue, PassesAValidOrAbsentValue) {
    EXPECT_EQ(runCheck(checkExpiresValue, RequestText{}.str()), "pass");
    for (const char *value : {"0", "3600", "4294967295", "4294967296", "3600 x"}) // cut at the space, as Kamailio
        EXPECT_EQ(runCheck(checkExpiresValue, RequestText{}.set("Expires", value).str()), "pass") << value;
}

TEST(ExpiresValue, AnswersIllegalValuesWith400) {
    for (const char *value : {"4294967297", "10000000000000000000000000", "Thu, 01 Dec 1994 16:00:00 GMT", "-5"})
        EXPECT_EQ(runCheck(checkExpiresValue, RequestText{}.set("Expires", value).str()), "400 Expires value is illegal")
            << value;
}

TEST(ExpiresValue, AnswersAnUnparsableHeaderWith400) {
    EXPECT_EQ(runCheck(checkExpiresValue, RequestText{}.set("Expires", "").str()), "400 Bad Expires Header");
    EXPECT_EQ(runCheck(checkExpiresValue, RequestText{}.add("To: <sip:broken").str()), "400 Bad Expires Header");
}

TEST(ProxyRequire, PassesSupportedOrAbsentExtensions) {
    CheckOptions options;
    options.config.proxy_require = {"sec-agree", "100rel"};
    EXPECT_EQ(runCheck(checkProxyRequire, RequestText{}.str(), options), "pass");
    EXPECT_EQ(runCheck(checkProxyRequire, RequestText{}.set("Proxy-Require", "100rel, sec-agree").str(), options), "pass");
}

TEST(ProxyRequire, Answers420WithTheFirstUnsupportedExtension) {
    CheckOptions options;
    options.config.proxy_require = {"foo"};
    EXPECT_EQ(runCheck(checkProxyRequire,
                       RequestText{}.set("Proxy-Require", "foo, noProxiesSupportThis, norDoAnyProxiesSupportThis").str(),
                       options),
              "420 Bad Proxy Require Extension | Unsupported: noProxiesSupportThis\r\n");
    EXPECT_EQ(runCheck(checkProxyRequire, RequestText{}.set("Proxy-Require", "Foo").str(), options),
              "420 Bad Proxy Require Extension | Unsupported: Foo\r\n");
    // Kamailio's default list is empty: every extension is refused.
    EXPECT_EQ(runCheck(checkProxyRequire, RequestText{}.set("Proxy-Require", "foo").str()),
              "420 Bad Proxy Require Extension | Unsupported: foo\r\n");
    // A folded item is answered on one line.
    EXPECT_EQ(runCheck(checkProxyRequire, RequestText{}.add("Proxy-Require: a\r\n b").str()),
              "420 Bad Proxy Require Extension | Unsupported: a b\r\n");
}

TEST(ProxyRequire, AnswersAnUnparsableHeaderWith400) {
    EXPECT_EQ(runCheck(checkProxyRequire, RequestText{}.set("Proxy-Require", "").str()), "400 Bad Proxy Require Header");
    EXPECT_EQ(runCheck(checkProxyRequire, RequestText{}.add("CSeq: 1").str()), "400 Bad Proxy Require Header");
}

}  // namespace
