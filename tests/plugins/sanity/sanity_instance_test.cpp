// The sanity instance through the SDK trampolines and a fake host: return codes (autodrop),
// the replies it asks sl for, the no-reply flag, noreply mode with sanity.reply, arguments.
#include <gtest/gtest.h>

#include <sipline/sdk.hpp>

#include "fake_host.hpp"
#include "request_text.hpp"
#include "sanity_instance.hpp"

namespace {

namespace sdk = sipline::sdk;
using namespace sanity_test;
using sipline::sanity::SanityPlugin;

sipline_value_t jsonArg(std::string_view text) {
    return {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = sdk::str(text)};
}

class SanityInstance : public ::testing::Test {
protected:
    void startWith(const std::string &config) {
        plugin = std::make_unique<SanityPlugin>(sdk::Host{host.table()}, config);
        plugin->start();
    }
    void SetUp() override { startWith("{}"); }

    // sanity.check(args...) as the daemon calls it: prepare once, then invoke.
    sipline_rc check(FakeMessage &msg, std::vector<sipline_value_t> args = {}) {
        DiagRecorder diag;
        void *state = nullptr;
        EXPECT_EQ(sdk::prepare<&SanityPlugin::prepareCheck>(plugin.get(), args.data(),
                                                              static_cast<uint32_t>(args.size()), &state, diag.get()),
                  SIPLINE_OK);
        const sipline_rc rc = sdk::invoke<&SanityPlugin::check>(plugin.get(), state, msg.handle(), nullptr, args.data(),
                                                                 static_cast<uint32_t>(args.size()));
        SanityPlugin::releaseCheck(plugin.get(), state);
        return rc;
    }
    sipline_rc checkDefaults(FakeMessage &msg) {
        return sdk::invoke<&SanityPlugin::checkDefaults>(plugin.get(), nullptr, msg.handle(), nullptr, nullptr, 0);
    }
    sipline_rc reply(FakeMessage &msg) {
        return sdk::invoke<&SanityPlugin::reply>(plugin.get(), nullptr, msg.handle(), nullptr, nullptr, 0);
    }

    RecordingSl sl;
    FakeHost host{sl.api()};
    std::unique_ptr<SanityPlugin> plugin;
};

TEST_F(SanityInstance, APassingRequestReturns1AndSendsNothing) {
    FakeMessage msg{RequestText{}.str()};
    EXPECT_EQ(check(msg), 1);
    EXPECT_TRUE(sl.replies().empty());
    EXPECT_EQ(msg.flags, 0u);
}

TEST_F(SanityInstance, AFailureRepliesThroughSlAndStopsTheRoute) {
    FakeMessage msg{RequestText{"OPTIONS"}.set("CSeq", "8 INVITE").str()};
    EXPECT_EQ(check(msg), 0);
    EXPECT_EQ(sl.replies(), (std::vector<SlReply>{{400, "CSeq method does not match request method", ""}}));
}

TEST_F(SanityInstance, WithoutAutodropAFailureReturnsMinus1) {
    startWith(R"({"autodrop": false})");
    FakeMessage msg{RequestText{"OPTIONS", "foo:bar"}.str()};
    EXPECT_EQ(check(msg), -1);
    EXPECT_EQ(sl.replies(), (std::vector<SlReply>{{416, "Unsupported URI Scheme in Request URI", ""}}));
}

TEST_F(SanityInstance, The420CarriesUnsupported) {
    startWith(R"({"proxy_require": "foo"})");
    FakeMessage msg{RequestText{}.set("Proxy-Require", "foo, bar").str()};
    EXPECT_EQ(check(msg), 0);
    EXPECT_EQ(sl.replies(), (std::vector<SlReply>{{420, "Bad Proxy Require Extension", "Unsupported: bar\r\n"}}));
}

TEST_F(SanityInstance, AMissingQuadrupleFlagsTheMessageNoReply) {
    FakeMessage msg{RequestText{}.remove("Call-ID").str()};
    EXPECT_EQ(check(msg), 0);
    EXPECT_TRUE(sl.replies().empty());
    EXPECT_EQ(msg.flags & SIPLINE_MSG_NO_REPLY, static_cast<uint32_t>(SIPLINE_MSG_NO_REPLY));
}

TEST_F(SanityInstance, NeverAnswersAnAckOrAReply) {
    FakeMessage ack{RequestText{"ACK"}.set("CSeq", "1 INVITE").str()};
    EXPECT_EQ(check(ack), 0);
    FakeMessage response{"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
                         "To: <sip:b@x>;tag=2\r\nCall-ID: c\r\nCSeq: 99999999999 INVITE\r\n\r\n"};
    EXPECT_EQ(check(response), 0);
    EXPECT_TRUE(sl.replies().empty());
}

TEST_F(SanityInstance, RespectsANoReplyFlagSetEarlier) {
    FakeMessage msg{RequestText{"OPTIONS"}.set("CSeq", "8 INVITE").str()};
    msg.flags = SIPLINE_MSG_NO_REPLY;
    EXPECT_EQ(check(msg), 0);
    EXPECT_TRUE(sl.replies().empty());
}

TEST_F(SanityInstance, ArgumentsSelectChecksByNameOrNumber) {
    FakeMessage msg{RequestText{}.set("Expires", "soon").str()};
    EXPECT_EQ(check(msg, {jsonArg(R"(["ruri_sip_version", "cseq_value"])")}), 1);
    EXPECT_EQ(check(msg, {jsonArg("256")}), 0);
    EXPECT_EQ(sl.replies().back(), (SlReply{400, "Expires value is illegal", ""}));
    FakeMessage bad_from{RequestText{}.set("From", "<http://x>;tag=1").str()};
    EXPECT_EQ(check(bad_from, {jsonArg("1024"), jsonArg(R"(["ruri", "to"])")}), 1);
    EXPECT_EQ(check(bad_from, {jsonArg("1024"), jsonArg("\"from\"")}), 0);
    EXPECT_EQ(sl.replies().back(), (SlReply{400, "Invalid From Header", ""}));
}

TEST_F(SanityInstance, VariableArgumentsAreResolvedPerMessage) {
    DiagRecorder diag;
    void *state = nullptr;
    const sipline_value_t source[] = {jsonArg("$var(checks)")};
    ASSERT_EQ(sdk::prepare<&SanityPlugin::prepareCheck>(plugin.get(), source, 1, &state, diag.get()), SIPLINE_OK);
    FakeMessage msg{RequestText{}.set("Expires", "soon").str()};
    const sipline_value_t evaluated[] = {jsonArg("256")};
    EXPECT_EQ(sdk::invoke<&SanityPlugin::check>(plugin.get(), state, msg.handle(), nullptr, evaluated, 1), 0);
    const sipline_value_t out_of_range[] = {jsonArg("131072")};
    EXPECT_EQ(sdk::invoke<&SanityPlugin::check>(plugin.get(), state, msg.handle(), nullptr, out_of_range, 1), -1);
    EXPECT_EQ(host.logs().back(),
              "sanity.check: msg_checks must be in 1..131071 and uri_checks in 1..15 (or check names)");
    SanityPlugin::releaseCheck(plugin.get(), state);
}

TEST_F(SanityInstance, UnknownNamesAreRefusedAtPrepare) {
    DiagRecorder diag;
    void *state = nullptr;
    const sipline_value_t args[] = {jsonArg(R"(["ruri_sip_version", "via_branch"])")};
    EXPECT_EQ(sdk::prepare<&SanityPlugin::prepareCheck>(plugin.get(), args, 1, &state, diag.get()), SIPLINE_E_CONFIG);
    ASSERT_EQ(diag.errors.size(), 1u);
    EXPECT_EQ(diag.errors[0].rfind("msg_checks: unknown check 'via_branch' (known: ruri_sip_version, ", 0), 0u)
        << diag.errors[0];
}

TEST_F(SanityInstance, CheckDefaultsReturnsMinus1WhateverAutodropSays) {
    FakeMessage msg{RequestText{"OPTIONS"}.set("CSeq", "8 INVITE").str()};
    EXPECT_EQ(checkDefaults(msg), -1);
    FakeMessage good{RequestText{}.str()};
    EXPECT_EQ(checkDefaults(good), 1);
}

TEST_F(SanityInstance, NoreplyKeepsTheReplyForSanityReply) {
    startWith(R"({"noreply": true, "autodrop": false})");
    FakeMessage msg{RequestText{}.set("Proxy-Require", "bar").str()};
    EXPECT_EQ(check(msg), -1);
    EXPECT_TRUE(sl.replies().empty());
    EXPECT_EQ(reply(msg), 1);
    EXPECT_EQ(sl.replies(), (std::vector<SlReply>{{420, "Bad Proxy Require Extension", "Unsupported: bar\r\n"}}));
}

TEST_F(SanityInstance, SanityReplyWithoutAKeptReplySends500) {
    startWith(R"({"noreply": true})");
    FakeMessage failed{RequestText{}.set("Expires", "x").str()};
    EXPECT_EQ(check(failed), 0);
    FakeMessage other{RequestText{}.str()}; // another message: what was kept is not for it
    EXPECT_EQ(reply(other), 1);
    EXPECT_EQ(sl.replies(), (std::vector<SlReply>{{500, "Server Sanity Failure", ""}}));
    // A later check that passes forgets the kept reply.
    EXPECT_EQ(check(other), 1);
    EXPECT_EQ(reply(failed), 1);
    EXPECT_EQ(sl.replies().back(), (SlReply{500, "Server Sanity Failure", ""}));
}

TEST_F(SanityInstance, SanityReplyDoesNothingWhenNotInNoreplyModeOrNotAnswerable) {
    FakeMessage msg{RequestText{}.str()};
    EXPECT_EQ(reply(msg), 1); // noreply = false
    startWith(R"({"noreply": true})");
    FakeMessage flagged{RequestText{}.remove("To").str()};
    EXPECT_EQ(check(flagged), 0);
    EXPECT_EQ(reply(flagged), 1);
    FakeMessage ack{RequestText{"ACK"}.str()};
    EXPECT_EQ(reply(ack), 1);
    EXPECT_TRUE(sl.replies().empty());
}

TEST_F(SanityInstance, SanityReplyReportsASendFailure) {
    startWith(R"({"noreply": true})");
    FakeMessage msg{RequestText{}.set("Expires", "x").str()};
    EXPECT_EQ(check(msg), 0);
    sl.fail_sends = true;
    EXPECT_EQ(reply(msg), -1);
}

TEST(SanityStart, RefusesToStartWithoutSl) {
    FakeHost host{nullptr};
    SanityPlugin plugin{sdk::Host{host.table()}, "{}"};
    DiagRecorder diag;
    EXPECT_EQ(sdk::start<SanityPlugin>(&plugin, diag.get()), SIPLINE_E_RUNTIME);
    EXPECT_EQ(diag.errors,
              (std::vector<std::string>{"sanity replies through the sl plugin: add [plugins.sl] to the configuration"}));
}

TEST(SanityCreate, RefusesABadConfigurationThroughDiag) {
    FakeHost host;
    DiagRecorder diag;
    void *instance = nullptr;
    EXPECT_EQ(sdk::create<SanityPlugin>(host.table(), sdk::str(R"({"default_checks": ["bogus"]})"), &instance, diag.get()),
              SIPLINE_E_CONFIG);
    EXPECT_EQ(instance, nullptr);
    ASSERT_EQ(diag.errors.size(), 1u);
    EXPECT_EQ(diag.errors[0].substr(0, 52), "sanity: default_checks: unknown check 'bogus' (known");
}

}  // namespace
