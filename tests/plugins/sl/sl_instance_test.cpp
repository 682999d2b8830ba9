// The sl instance through the SDK trampolines and a fake host: the bytes it sends, the flags,
// the return codes, the ACK filter, the counters and the interface for other plugins.
#include <gtest/gtest.h>

#include <sipline/sdk.hpp>

#include "fake_host.hpp"
#include "sl_instance.hpp"
#include "to_tag.hpp"

namespace {

namespace sdk = sipline::sdk;
using sipline::sl::SlPlugin;
using sl_test::FakeHost;
using sl_test::FakeMessage;
using sl_test::FakeRpcReply;
using sl_test::FakeRun;
using sl_test::Header;

constexpr std::string_view kCallId = "a84b4c76e66710";

// An INVITE written with compact header names, as a UA may send it.
std::vector<Header> compactInvite(std::string_view branch = "z9hG4bK776") {
    return {
        {"v", "SIP/2.0/UDP 198.51.100.7:5062;branch=" + std::string{branch} + ";rport"},
        {"Max-Forwards", "70"},
        {"f", "<sip:alice@example.com>;tag=1928301774"},
        {"t", "<sip:bob@example.com>"},
        {"i", std::string{kCallId}},
        {"CSeq", "1 INVITE"},
    };
}

// What sl must put in the To of a reply to compactInvite() when it listens on 192.0.2.10:5060.
std::string expectedTag() {
    return sipline::sl::statelessToTag(
        sipline::sl::instanceSignature("192.0.2.10", 5060),
        {.host = "198.51.100.7", .port = "5062", .branch = "z9hG4bK776"}, kCallId);
}

sipline_value_t intValue(int64_t value) {
    return {.type = SIPLINE_VALUE_INT, .reserved = 0, .integer = value, .str = {}};
}
sipline_value_t strValue(std::string_view text) {
    return {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = sdk::str(text)};
}
sipline_value_t nullValue() {
    return {.type = SIPLINE_VALUE_NULL, .reserved = 0, .integer = 0, .str = {}};
}

class SlInstance : public ::testing::Test {
protected:
    void SetUp() override { plugin.start(); }

    sipline_rc sendReply(FakeMessage &msg, sipline_value_t code, sipline_value_t reason) {
        const sipline_value_t args[] = {code, reason};
        return sdk::invoke<&SlPlugin::sendReply>(&plugin, nullptr, msg.handle(), run.handle(),
                                                 args, 2);
    }
    sipline_rc sendReply(FakeMessage &msg, int64_t code, std::string_view reason) {
        return sendReply(msg, intValue(code), strValue(reason));
    }
    sipline_rc replyError(FakeMessage &msg) {
        return sdk::invoke<&SlPlugin::replyError>(&plugin, nullptr, msg.handle(), run.handle(),
                                                  nullptr, 0);
    }
    sipline_rc absorbAck(FakeMessage &msg) {
        return sdk::hook<&SlPlugin::absorbAck>(&plugin, msg.handle(), run.handle());
    }

    FakeHost host;
    FakeRun run;
    SlPlugin plugin{sdk::Host{host.table()}, "{}"};
};

TEST_F(SlInstance, RepliesWithFullHeaderNamesToACompactRequest) {
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(sendReply(invite, 404, "Not Found"), 1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_EQ(invite.sent[0],
              "SIP/2.0 404 Not Found\r\n"
              "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport\r\n"
              "From: <sip:alice@example.com>;tag=1928301774\r\n"
              "To: <sip:bob@example.com>;tag=" + expectedTag() + "\r\n"
              "Call-ID: a84b4c76e66710\r\n"
              "CSeq: 1 INVITE\r\n"
              "Server: sipline\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
}

TEST_F(SlInstance, ARetransmissionGetsTheSameReply) {
    FakeMessage first{"INVITE", compactInvite()};
    FakeMessage again{"INVITE", compactInvite()};
    sendReply(first, 486, "Busy Here");
    sendReply(again, 486, "Busy Here");
    ASSERT_EQ(again.sent.size(), 1u);
    EXPECT_EQ(first.sent, again.sent);
}

TEST_F(SlInstance, FinalRepliesSetTheRepliedFlagProvisionalOnesDoNot) {
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(sendReply(invite, 180, "Ringing"), 1);
    EXPECT_EQ(invite.flags & SIPLINE_MSG_REPLIED, 0u);
    EXPECT_EQ(sendReply(invite, 200, "OK"), 1);
    EXPECT_NE(invite.flags & SIPLINE_MSG_REPLIED, 0u);
}

TEST_F(SlInstance, NeverRepliesToAnAckAndCountsAFailure) {
    FakeMessage ack{"ACK", compactInvite()};
    EXPECT_EQ(sendReply(ack, 200, "OK"), -1);
    EXPECT_TRUE(ack.sent.empty());
    EXPECT_EQ(plugin.statistics().failures(), 1u);
}

TEST_F(SlInstance, ReturnsMinus2ForANoReplyMessageWithoutCountingAFailure) {
    FakeMessage invite{"INVITE", compactInvite()};
    invite.flags = SIPLINE_MSG_NO_REPLY;
    EXPECT_EQ(sendReply(invite, 400, "Bad Request"), -2);
    EXPECT_TRUE(invite.sent.empty());
    EXPECT_EQ(plugin.statistics().failures(), 0u);
}

TEST_F(SlInstance, ReturnsMinus1ForAnEmptyReasonOrAFailedSend) {
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(sendReply(invite, 404, ""), -1);
    EXPECT_TRUE(invite.sent.empty());
    invite.refuse_send = true;
    EXPECT_EQ(sendReply(invite, 404, "Not Found"), -1);
    EXPECT_EQ(invite.flags & SIPLINE_MSG_REPLIED, 0u);
    EXPECT_EQ(plugin.statistics().failures(), 2u);
    EXPECT_EQ(plugin.statistics().sentTotal(), 0u);
}

TEST_F(SlInstance, ReturnsMinus1ForAReplyMessage) {
    FakeMessage reply{"INVITE", compactInvite()};
    reply.is_request = false;
    EXPECT_EQ(sendReply(reply, 200, "OK"), -1);
    EXPECT_TRUE(reply.sent.empty());
}

TEST_F(SlInstance, UsesTheDefaultsForArgumentsThatDidNotEvaluate) {
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(sendReply(invite, nullValue(), nullValue()), 1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_TRUE(invite.sent[0].starts_with("SIP/2.0 500 Internal Server Error\r\n"));
}

TEST_F(SlInstance, AcceptsACodeEvaluatedToText) {
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(sendReply(invite, strValue("403"), strValue("Forbidden")), 1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_TRUE(invite.sent[0].starts_with("SIP/2.0 403 Forbidden\r\n"));
}

TEST_F(SlInstance, RedirectsToTheDestinationSet) {
    FakeMessage invite{"INVITE", compactInvite()};
    invite.destinations = {"sip:bob@192.0.2.4", "sip:bob@192.0.2.5"};
    EXPECT_EQ(sendReply(invite, 302, "Moved Temporarily"), 1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_TRUE(invite.sent[0].ends_with("CSeq: 1 INVITE\r\n"
                                         "Contact: <sip:bob@192.0.2.4>\r\n"
                                         "Contact: <sip:bob@192.0.2.5>\r\n"
                                         "Server: sipline\r\n"
                                         "Content-Length: 0\r\n"
                                         "\r\n"))
        << invite.sent[0];
}

TEST_F(SlInstance, ReplyErrorAnswersTheCoresLastError) {
    FakeMessage invite{"INVITE", compactInvite()};
    run.last_error = SIPLINE_CORE_ERROR_BAD_URI;
    EXPECT_EQ(replyError(invite), 1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_TRUE(invite.sent[0].starts_with(
        "SIP/2.0 479 Regretfully, we were not able to process the URI (5/SL)\r\n"));
    EXPECT_NE(invite.flags & SIPLINE_MSG_REPLIED, 0u);
}

TEST_F(SlInstance, ReplyErrorReturnsMinus2AfterAFinalReplyOrForNoReply) {
    FakeMessage replied{"INVITE", compactInvite()};
    EXPECT_EQ(sendReply(replied, 404, "Not Found"), 1);
    EXPECT_EQ(replyError(replied), -2);
    EXPECT_EQ(replied.sent.size(), 1u);

    FakeMessage forbidden{"INVITE", compactInvite()};
    forbidden.flags = SIPLINE_MSG_NO_REPLY;
    EXPECT_EQ(replyError(forbidden), -2);
    EXPECT_TRUE(forbidden.sent.empty());
}

// RFC 3261 17.1.1.3: the ACK for a non-2xx reply repeats the INVITE's top Via (so its branch)
// and Call-ID, and carries the reply's To-tag.
std::vector<Header> ackFor(std::string_view to_tag, std::string_view branch = "z9hG4bK776") {
    auto headers = compactInvite(branch);
    headers[3].value = "<sip:bob@example.com>;tag=" + std::string{to_tag};
    headers[5].value = "1 ACK";
    return headers;
}

TEST_F(SlInstance, AbsorbsTheAckForItsOwnReply) {
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(sendReply(invite, 486, "Busy Here"), 1);

    FakeMessage ack{"ACK", ackFor(expectedTag())};
    EXPECT_EQ(absorbAck(ack), SIPLINE_RC_STOP);
    EXPECT_EQ(plugin.statistics().receivedAcks(), 1u);
    EXPECT_TRUE(ack.sent.empty());
}

TEST_F(SlInstance, LetsOtherAcksAndRequestsThrough) {
    FakeMessage other_branch{"ACK", ackFor(expectedTag(), "z9hG4bK999")};
    EXPECT_EQ(absorbAck(other_branch), SIPLINE_RC_TRUE);
    FakeMessage foreign_tag{"ACK", ackFor("a6c85cf")};
    EXPECT_EQ(absorbAck(foreign_tag), SIPLINE_RC_TRUE);
    FakeMessage no_tag{"ACK", compactInvite()};
    EXPECT_EQ(absorbAck(no_tag), SIPLINE_RC_TRUE);
    FakeMessage bye{"BYE", ackFor(expectedTag())};
    EXPECT_EQ(absorbAck(bye), SIPLINE_RC_TRUE);
    EXPECT_EQ(plugin.statistics().receivedAcks(), 0u);
}

TEST_F(SlInstance, StatsRpcReportsWhatWasSent) {
    FakeMessage invite{"INVITE", compactInvite()};
    sendReply(invite, 100, "Trying");
    sendReply(invite, 404, "Not Found");
    FakeMessage ack{"ACK", ackFor(expectedTag())};
    sendReply(ack, 200, "OK");
    absorbAck(ack);

    FakeRpcReply reply;
    sdk::rpc<&SlPlugin::stats>(&plugin, sdk::str("[]"), reply.handle());
    EXPECT_FALSE(reply.fault);
    EXPECT_EQ(reply.result,
              R"({"200":0,"202":0,"2xx":0,"300":0,"301":0,"302":0,"3xx":0,)"
              R"("400":0,"401":0,"403":0,"404":1,"407":0,"408":0,"483":0,"4xx":0,)"
              R"("500":0,"5xx":0,"6xx":0,"xxx":0,)"
              R"("1xx":1,"sent_replies":2,"failures":1,"received_ACKs":1})");
}

TEST_F(SlInstance, InterfaceRepliesWithExtraHeaders) {
    const sipline_sl_api_t *api = plugin.api();
    ASSERT_EQ(api->struct_size, sizeof(sipline_sl_api_t));
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(api->reply(api->sl, invite.handle(), 420, sdk::str("Bad Extension"),
                         sdk::str("Unsupported: foo\r\n")),
              1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_TRUE(invite.sent[0].starts_with("SIP/2.0 420 Bad Extension\r\n"));
    EXPECT_TRUE(invite.sent[0].ends_with("CSeq: 1 INVITE\r\n"
                                         "Unsupported: foo\r\n"
                                         "Server: sipline\r\n"
                                         "Content-Length: 0\r\n"
                                         "\r\n"))
        << invite.sent[0];

    FakeMessage forbidden{"INVITE", compactInvite()};
    forbidden.flags = SIPLINE_MSG_NO_REPLY;
    EXPECT_EQ(api->reply(api->sl, forbidden.handle(), 420, sdk::str("Bad Extension"), {}), -2);
}

TEST_F(SlInstance, ServerHeaderCanBeTurnedOff) {
    SlPlugin quiet{sdk::Host{host.table()}, R"({"server_header": ""})"};
    quiet.start();
    FakeMessage invite{"INVITE", compactInvite()};
    const sipline_value_t args[] = {intValue(404), strValue("Not Found")};
    EXPECT_EQ(sdk::invoke<&SlPlugin::sendReply>(&quiet, nullptr, invite.handle(), run.handle(),
                                                args, 2),
              1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_EQ(invite.sent[0].find("Server:"), std::string::npos);
}

TEST(SlStart, WarnsAndStillTagsWithoutAListenAddress) {
    FakeHost nowhere{""};
    SlPlugin plugin{sdk::Host{nowhere.table()}, "{}"};
    plugin.start();
    ASSERT_EQ(nowhere.logs().size(), 1u);
    EXPECT_EQ(nowhere.logs()[0],
              "sl: no listen address; the To-tag signature does not identify this host");
    FakeMessage invite{"INVITE", compactInvite()};
    EXPECT_EQ(plugin.toTagFor(sdk::Message{nowhere.table(), invite.handle()}).size(), 41u);
}

TEST(SlStart, SignatureFollowsTheFirstListenAddress) {
    FakeHost a{"192.0.2.10", 5060};
    FakeHost b{"192.0.2.10", 5080};
    SlPlugin on_a{sdk::Host{a.table()}, "{}"};
    SlPlugin on_b{sdk::Host{b.table()}, "{}"};
    on_a.start();
    on_b.start();
    EXPECT_EQ(on_a.signature(), sipline::sl::instanceSignature("192.0.2.10", 5060));
    EXPECT_NE(on_a.signature(), on_b.signature());
}

}  // namespace
