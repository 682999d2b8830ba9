// Every reply sanity can send, built by the real sl plugin (sl_logic) exactly as it goes on
// the wire: the status line Kamailio sends, and the Unsupported header of the 420.
#include <gtest/gtest.h>

#include <sipline/sdk.hpp>

#include "fake_host.hpp"
#include "request_text.hpp"
#include "sanity_instance.hpp"
#include "sl_instance.hpp"

namespace {

namespace sdk = sipline::sdk;
using namespace sanity_test;

struct ReplyCase {
    const char *what;
    std::string request;
    std::string checks;       // msg_checks as JSON
    std::string status_line;  // what goes on the wire
};

std::string firstLine(const std::string &bytes) { return bytes.substr(0, bytes.find("\r\n")); }

class ReplyBytes : public ::testing::Test {
protected:
    void SetUp() override {
        sl.start();
        host.setSl(sl.api());
        sanity.start();
    }
    // The reply sanity.check(checks, 15) sends for the request, or "" when none.
    std::string replyTo(const std::string &request, const std::string &checks) {
        FakeMessage msg{request};
        const sipline_value_t args[] = {
            {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = sdk::str(checks)},
            {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = sdk::str("15")},
        };
        DiagRecorder diag;
        void *state = nullptr;
        EXPECT_EQ(sdk::prepare<&sipline::sanity::SanityPlugin::prepareCheck>(&sanity, args, 2, &state, diag.get()),
                  SIPLINE_OK);
        EXPECT_EQ(sdk::invoke<&sipline::sanity::SanityPlugin::check>(&sanity, state, msg.handle(), nullptr, args, 2),
                  0);
        sipline::sanity::SanityPlugin::releaseCheck(&sanity, state);
        EXPECT_LE(msg.sent.size(), 1u);
        return msg.sent.empty() ? std::string{} : msg.sent.front();
    }

    FakeHost host;
    sipline::sl::SlPlugin sl{sdk::Host{host.table()}, "{}"};
    sipline::sanity::SanityPlugin sanity{sdk::Host{host.table()}, R"({"proxy_require": "100rel"})"};
};

TEST_F(ReplyBytes, EveryReplyHasKamailiosStatusLine) {
    const ReplyCase cases[] = {
        {"version", RequestText{}.startLine("INVITE sip:bob@example.com SIP/7.0").str(), "1",
         "SIP/2.0 505 Version Not Supported (R-URI)"},
        {"scheme", RequestText{"OPTIONS", "nobodyKnowsThisScheme:x"}.str(), "2",
         "SIP/2.0 416 Unsupported URI Scheme in Request URI"},
        {"bad r-uri", RequestText{"INVITE", "<sip:user@example.com>"}.str(), "2", "SIP/2.0 400 Bad Request URI"},
        {"bad headers", RequestText{}.add("Content-Length: -999").noContentLength().str(), "4",
         "SIP/2.0 400 Bad Headers"},
        {"cseq method", RequestText{"OPTIONS"}.set("CSeq", "8 INVITE").str(), "32",
         "SIP/2.0 400 CSeq method does not match request method"},
        {"cseq value", RequestText{}.set("CSeq", "2147483648 INVITE").str(), "64", "SIP/2.0 400 CSeq number is illegal"},
        {"cl failure", RequestText{}.contentLength("abc").str(), "128", "SIP/2.0 400 Content-Length Failure"},
        {"cl mismatch", RequestText{}.contentLength("9").body("v=0").str(), "128", "SIP/2.0 400 Content-Length mis-match"},
        {"bad expires", RequestText{}.set("Expires", "").str(), "256", "SIP/2.0 400 Bad Expires Header"},
        {"expires value", RequestText{}.set("Expires", "99999999999").str(), "256", "SIP/2.0 400 Expires value is illegal"},
        {"bad proxy-require", RequestText{}.set("Proxy-Require", " ").str(), "512", "SIP/2.0 400 Bad Proxy Require Header"},
        {"extension", RequestText{}.set("Proxy-Require", "100rel, timer").str(), "512",
         "SIP/2.0 420 Bad Proxy Require Extension"},
        {"r-uri", RequestText{"INVITE", "sip:a@b;"}.str(), "1024", "SIP/2.0 400 Bad Request URI"},
        {"from", RequestText{}.set("From", "<http://x>;tag=1").str(), "1024", "SIP/2.0 400 Invalid From Header"},
        {"to", RequestText{}.set("To", "<sip:a b@x>").str(), "1024", "SIP/2.0 400 Invalid To Header"},
        {"contact", RequestText{}.set("Contact", "<sip:a@b>;").str(), "1024", "SIP/2.0 400 Bad Contact Header"},
        {"contact uri", RequestText{}.set("Contact", "<sip:a@>").str(), "1024", "SIP/2.0 400 Bad Contact URI"},
        {"auth header", RequestText{}.set("Authorization", "Digest x").str(), "2048", "SIP/2.0 400 Bad Auth Header"},
        {"auth credentials", RequestText{}.set("Authorization", "Digest realm=\"r\"").str(), "2048",
         "SIP/2.0 400 Bad Auth Credentials"},
        {"empty user", RequestText{}.set("Authorization", "Digest username=\"\",realm=\"r\",nonce=\"n\",uri=\"u\",response=\"r\"").str(),
         "8192", "SIP/2.0 400 Auth Empty User"},
        {"empty nonce", RequestText{}.set("Authorization", "Digest username=\"u\",realm=\"r\",nonce=\"\",uri=\"u\",response=\"r\"").str(),
         "8192", "SIP/2.0 400 Auth Empty Nonce"},
        {"empty response", RequestText{}.set("Authorization", "Digest username=\"u\",realm=\"r\",nonce=\"n\",uri=\"u\",response=\"\"").str(),
         "8192", "SIP/2.0 400 Auth Empty Response"},
        {"from tags", RequestText{}.set("From", "<sip:a@x>;tag=1;tag=2").str(), "4096", "SIP/2.0 400 Many From Tag Params"},
        {"to tags", RequestText{}.set("To", "<sip:b@x>;tag=1;tag=2").str(), "4096", "SIP/2.0 400 Many To Tag Params"},
    };
    for (const ReplyCase &c : cases) EXPECT_EQ(firstLine(replyTo(c.request, c.checks)), c.status_line) << c.what;
}

TEST_F(ReplyBytes, The420NamesTheExtensionAndTheReplyMatchesTheRequest) {
    const std::string reply = replyTo(RequestText{}.set("Proxy-Require", "100rel, timer").str(), "512");
    EXPECT_NE(reply.find("\r\nUnsupported: timer\r\n"), std::string::npos) << reply;
    EXPECT_NE(reply.find("\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"), std::string::npos) << reply;
    EXPECT_NE(reply.find("\r\nCall-ID: a84b4c76e66710@pc33.example.com\r\n"), std::string::npos) << reply;
    EXPECT_NE(reply.find("\r\nCSeq: 314159 INVITE\r\n"), std::string::npos) << reply;
    EXPECT_NE(reply.find("\r\nTo: Bob <sip:bob@example.com>;tag="), std::string::npos) << reply;
    EXPECT_NE(sl.statistics().toJson().find("\"4xx\":1"), std::string::npos) << "counted by sl as its own reply";
}

TEST_F(ReplyBytes, SilentAndNoReplyFailuresSendNothing) {
    EXPECT_EQ(replyTo(RequestText{}.remove("To").str(), "4"), "");                  // no reply possible
    EXPECT_EQ(replyTo(RequestText{}.add("i: x").str(), "4"), "");                   // duplicate: silent
    EXPECT_EQ(replyTo(RequestText{}.set("Authorization", "Basic x").str(), "2048"), ""); // other scheme: silent
    // sl refuses to answer once sanity forbade replies (-2), as Kamailio's FL_MSG_NOREPLY.
    FakeMessage msg{RequestText{}.remove("From").str()};
    msg.flags = SIPLINE_MSG_NO_REPLY;
    EXPECT_EQ(sl.reply(sdk::Message{host.table(), msg.handle()}, 500, "x", {}), -2);
}

}  // namespace
