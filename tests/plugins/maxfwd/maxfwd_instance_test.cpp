// The maxfwd instance through the SDK trampolines and a fake host: what it reads, what it
// edits, what it returns, and its RPC methods.
#include <gtest/gtest.h>

#include <sipline/sdk.hpp>

#include "fake_host.hpp"
#include "maxfwd_instance.hpp"

namespace {

namespace sdk = sipline::sdk;
using maxfwd_test::FakeHost;
using maxfwd_test::FakeMessage;
using maxfwd_test::FakeRpcReply;
using maxfwd_test::Header;
using sipline::maxfwd::MaxfwdPlugin;

sipline_value_t intValue(int64_t value) {
    return {.type = SIPLINE_VALUE_INT, .reserved = 0, .integer = value, .str = {}};
}

sipline_value_t strValue(std::string_view text) {
    return {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = sdk::str(text)};
}

class MaxfwdInstance : public ::testing::Test {
protected:
    sipline_rc process(FakeMessage &msg, sipline_value_t max_value) {
        return sdk::invoke<&MaxfwdPlugin::process>(&plugin, nullptr, msg.handle(), nullptr,
                                                   &max_value, 1);
    }
    sipline_rc isLessThan(FakeMessage &msg, int64_t max_value) {
        const sipline_value_t arg = intValue(max_value);
        return sdk::invoke<&MaxfwdPlugin::isLessThan>(&plugin, nullptr, msg.handle(), nullptr,
                                                      &arg, 1);
    }
    FakeRpcReply setLimit(std::string_view params) {
        FakeRpcReply reply;
        sdk::rpc<&MaxfwdPlugin::setLimit>(&plugin, sdk::str(params), reply.handle());
        return reply;
    }
    FakeRpcReply getLimit() {
        FakeRpcReply reply;
        sdk::rpc<&MaxfwdPlugin::getLimit>(&plugin, sdk::str("[]"), reply.handle());
        return reply;
    }

    FakeHost host;
    MaxfwdPlugin plugin{sdk::Host{host.table()}, R"({"max_limit": 70})"};
};

TEST_F(MaxfwdInstance, AddsTheHeaderWhenAbsent) {
    FakeMessage msg{{{"Via", "SIP/2.0/UDP a"}}};
    EXPECT_EQ(process(msg, intValue(10)), 2);
    EXPECT_EQ(msg.added, (std::vector<Header>{{"Max-Forwards", "10"}}));
    EXPECT_TRUE(msg.set.empty());
}

TEST_F(MaxfwdInstance, RewritesTheFirstFieldWithTheDecrementedValue) {
    FakeMessage msg{{{"max-forwards", "70"}}};
    EXPECT_EQ(process(msg, intValue(10)), 1);
    EXPECT_EQ(msg.set, (std::vector<Header>{{"Max-Forwards", "69"}}));
    EXPECT_TRUE(msg.added.empty());
}

TEST_F(MaxfwdInstance, ReturnsMinus1AndLeavesZeroAlone) {
    FakeMessage msg{{{"Max-Forwards", "0"}}};
    EXPECT_EQ(process(msg, intValue(10)), -1);
    EXPECT_TRUE(msg.set.empty());
    EXPECT_TRUE(msg.added.empty());
}

TEST_F(MaxfwdInstance, ReturnsMinus2ForGarbage) {
    FakeMessage msg{{{"Max-Forwards", "many"}}};
    EXPECT_EQ(process(msg, intValue(10)), -2);
    EXPECT_TRUE(msg.set.empty());
}

TEST_F(MaxfwdInstance, ReturnsMinus2WhenTheHostRefusesTheEdit) {
    FakeMessage absent;
    absent.refuse_edits = true;
    EXPECT_EQ(process(absent, intValue(10)), -2);
    FakeMessage present{{{"Max-Forwards", "5"}}};
    present.refuse_edits = true;
    EXPECT_EQ(process(present, intValue(10)), -2);
}

TEST_F(MaxfwdInstance, ReturnsMinus1AndLogsForMaxValueOutOfRange) {
    FakeMessage msg;
    EXPECT_EQ(process(msg, intValue(300)), -1);
    EXPECT_TRUE(msg.added.empty());
    ASSERT_EQ(host.logs().size(), 1u);
    EXPECT_EQ(host.logs()[0], "maxfwd.process: max_value 300 is outside 0..255");
}

TEST_F(MaxfwdInstance, AcceptsAnEvaluatedVariableAsIntegerText) {
    FakeMessage msg;
    EXPECT_EQ(process(msg, strValue("12")), 2);
    EXPECT_EQ(msg.added, (std::vector<Header>{{"Max-Forwards", "12"}}));
    FakeMessage other;
    EXPECT_EQ(process(other, strValue("twelve")), -1);
    EXPECT_TRUE(other.added.empty());
}

// Edits apply on send and msg_header returns the received value: a second call computes the
// same value again instead of decrementing twice (documented in the README).
TEST_F(MaxfwdInstance, SecondCallOnOneMessageSeesTheReceivedValue) {
    FakeMessage msg{{{"Max-Forwards", "5"}}};
    EXPECT_EQ(process(msg, intValue(10)), 1);
    EXPECT_EQ(process(msg, intValue(10)), 1);
    EXPECT_EQ(msg.set, (std::vector<Header>{{"Max-Forwards", "4"}, {"Max-Forwards", "4"}}));
}

TEST_F(MaxfwdInstance, IsLessThanReadsTheReceivedValue) {
    FakeMessage five{{{"Max-Forwards", "5"}}};
    EXPECT_EQ(isLessThan(five, 10), 1);
    EXPECT_EQ(isLessThan(five, 5), -1);
    FakeMessage absent;
    EXPECT_EQ(isLessThan(absent, 10), -2);
    FakeMessage garbage{{{"Max-Forwards", "x"}}};
    EXPECT_EQ(isLessThan(garbage, 10), -3);
    EXPECT_TRUE(five.set.empty());
}

TEST_F(MaxfwdInstance, GetLimitReturnsTheConfiguredValue) {
    const auto reply = getLimit();
    EXPECT_EQ(reply.result, R"({"max_limit":70})");
    EXPECT_FALSE(reply.fault);
}

TEST_F(MaxfwdInstance, SetLimitChangesTheClampForLaterMessages) {
    const auto reply = setLimit("[30]");
    EXPECT_EQ(reply.result, R"({"max_limit":30})");
    EXPECT_EQ(plugin.maxLimit(), 30);
    EXPECT_EQ(getLimit().result, R"({"max_limit":30})");

    FakeMessage msg{{{"Max-Forwards", "70"}}};
    EXPECT_EQ(process(msg, intValue(10)), 1);
    EXPECT_EQ(msg.set, (std::vector<Header>{{"Max-Forwards", "30"}}));
}

TEST_F(MaxfwdInstance, SetLimitRefusesOutOfRangeWithInvalidParamsFault) {
    const auto reply = setLimit("[256]");
    EXPECT_FALSE(reply.result);
    ASSERT_TRUE(reply.fault);
    EXPECT_EQ(reply.fault->first, -32602);
    EXPECT_EQ(reply.fault->second, "max_limit must be an integer in 0..255, got 256");
    EXPECT_EQ(plugin.maxLimit(), 70);
    EXPECT_EQ(setLimit("[]").fault->first, -32602);
}

TEST(MaxfwdCreate, RefusesABadConfigurationThroughDiag) {
    FakeHost host;
    std::vector<std::string> errors;
    const sipline_diag_t diag{
        .struct_size = sizeof(sipline_diag_t),
        .context = &errors,
        .error = [](const sipline_diag_t *self, sipline_str_t text) {
            static_cast<std::vector<std::string> *>(self->context)->emplace_back(text.data, text.len);
        },
    };
    void *instance = nullptr;
    EXPECT_EQ(sdk::create<MaxfwdPlugin>(host.table(), sdk::str(R"({"max_limit": 300})"), &instance,
                                        &diag),
              SIPLINE_E_CONFIG);
    EXPECT_EQ(instance, nullptr);
    EXPECT_EQ(errors, (std::vector<std::string>{"maxfwd: max_limit must be an integer in 0..255, got 300"}));
}

}  // namespace
