// The built sl.so, loaded with dlopen as the daemon will: its descriptor, its interface, and
// one run of each entry point through the C ABI.
#include <dlfcn.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sipline/sdk.h>

#include "fake_host.hpp"

namespace {

using sl_test::FakeHost;
using sl_test::FakeMessage;
using sl_test::FakeRpcReply;
using sl_test::FakeRun;

std::vector<std::string> aliasesOf(const sipline_function_t &function) {
    return {function.aliases, function.aliases + function.alias_count};
}

class SlSo : public ::testing::Test {
protected:
    void SetUp() override {
        library = dlopen(SL_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
        ASSERT_NE(library, nullptr) << dlerror();
        const auto entry = reinterpret_cast<const sipline_plugin_t *(*)()>(
            dlsym(library, SIPLINE_ENTRY_SYMBOL));
        ASSERT_NE(entry, nullptr) << dlerror();
        plugin = entry();
        ASSERT_NE(plugin, nullptr);
    }
    void TearDown() override {
        if (library != nullptr) dlclose(library);
    }

    void *library = nullptr;
    const sipline_plugin_t *plugin = nullptr;
};

TEST_F(SlSo, DescribesItself) {
    EXPECT_EQ(plugin->struct_size, sizeof(sipline_plugin_t));
    EXPECT_EQ(plugin->abi.major, 1);
    EXPECT_EQ(plugin->abi.minor, SIPLINE_ABI_MINOR);
    EXPECT_STREQ(plugin->name, "sl");
    EXPECT_STREQ(plugin->version, "1.0.0");
    EXPECT_NE(plugin->get_interface, nullptr);
}

TEST_F(SlSo, DeclaresItsParams) {
    ASSERT_EQ(plugin->param_count, 3u);
    EXPECT_STREQ(plugin->params[0]->name, "default_code");
    EXPECT_EQ(plugin->params[0]->type, SIPLINE_PARAM_INT);
    EXPECT_STREQ(plugin->params[0]->default_json, "500");
    EXPECT_EQ(plugin->params[0]->min, 100);
    EXPECT_EQ(plugin->params[0]->max, 699);
    EXPECT_STREQ(plugin->params[1]->name, "default_reason");
    EXPECT_EQ(plugin->params[1]->type, SIPLINE_PARAM_STR);
    EXPECT_STREQ(plugin->params[1]->default_json, "\"Internal Server Error\"");
    EXPECT_STREQ(plugin->params[2]->name, "server_header");
    EXPECT_STREQ(plugin->params[2]->default_json, "\"sipline\"");
}

TEST_F(SlSo, DeclaresSendReplyAndReplyErrorWithKamailiosNames) {
    ASSERT_EQ(plugin->function_count, 2u);
    const sipline_function_t &send_reply = *plugin->functions[0];
    EXPECT_STREQ(send_reply.name, "send_reply");
    EXPECT_EQ(aliasesOf(send_reply), (std::vector<std::string>{"sl_send_reply", "sl_reply", "reply"}));
    EXPECT_EQ(send_reply.routes, static_cast<uint32_t>(SIPLINE_ROUTE_REQUEST));
    ASSERT_EQ(send_reply.arg_count, 2u);
    EXPECT_EQ(send_reply.args[0]->type, SIPLINE_PARAM_INT);
    EXPECT_EQ(send_reply.args[0]->min, 100);
    EXPECT_EQ(send_reply.args[0]->max, 699);
    EXPECT_EQ(send_reply.args[1]->type, SIPLINE_PARAM_STR);
    EXPECT_NE(send_reply.args[1]->flags & SIPLINE_PARAM_DYNAMIC, 0u);

    const sipline_function_t &reply_error = *plugin->functions[1];
    EXPECT_STREQ(reply_error.name, "reply_error");
    EXPECT_EQ(aliasesOf(reply_error), (std::vector<std::string>{"sl_reply_error"}));
    EXPECT_EQ(reply_error.arg_count, 0u);
}

TEST_F(SlSo, DeclaresTheAckHookAndStats) {
    ASSERT_EQ(plugin->hook_count, 1u);
    EXPECT_EQ(plugin->hooks[0]->stage, SIPLINE_STAGE_PRE_REQUEST);
    ASSERT_EQ(plugin->rpc_method_count, 1u);
    EXPECT_STREQ(plugin->rpc_methods[0]->name, "stats");
}

TEST_F(SlSo, RunsThroughTheCAbi) {
    FakeHost host;
    FakeRun run;
    const sipline_diag_t diag{.struct_size = sizeof(sipline_diag_t), .context = nullptr,
                              .error = [](const sipline_diag_t *, sipline_str_t) {}};
    const std::string config =
        R"({"default_code": 500, "default_reason": "Internal Server Error", "server_header": "sipline"})";
    void *instance = nullptr;
    ASSERT_EQ(plugin->create(host.table(), {config.data(), config.size()}, &instance, &diag),
              SIPLINE_OK);
    ASSERT_EQ(plugin->start(instance, &diag), SIPLINE_OK);

    EXPECT_EQ(plugin->get_interface(instance, "sipline.other/1"), nullptr);
    const auto *api = static_cast<const sipline_sl_api_t *>(
        plugin->get_interface(instance, SIPLINE_IFACE_SL));
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->struct_size, sizeof(sipline_sl_api_t));

    FakeMessage invite{"INVITE",
                       {{"Via", "SIP/2.0/UDP 198.51.100.7;branch=z9hG4bKso"},
                        {"From", "<sip:a@example.com>;tag=1"},
                        {"To", "<sip:b@example.com>"},
                        {"Call-ID", "so-test"},
                        {"CSeq", "1 INVITE"}}};
    const std::string reason = "Busy Here";
    const sipline_value_t args[] = {
        {.type = SIPLINE_VALUE_INT, .reserved = 0, .integer = 486, .str = {}},
        {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = {reason.data(), reason.size()}},
    };
    EXPECT_EQ(plugin->functions[0]->invoke(instance, nullptr, invite.handle(), run.handle(), args, 2),
              1);
    ASSERT_EQ(invite.sent.size(), 1u);
    EXPECT_TRUE(invite.sent[0].starts_with("SIP/2.0 486 Busy Here\r\n"));

    // The ACK for that reply carries its To-tag and is absorbed by the hook.
    const size_t tag_at = invite.sent[0].find(";tag=", invite.sent[0].find("\r\nTo: "));
    const std::string tag = invite.sent[0].substr(tag_at + 5, 41);
    FakeMessage ack{"ACK",
                    {{"Via", "SIP/2.0/UDP 198.51.100.7;branch=z9hG4bKso"},
                     {"From", "<sip:a@example.com>;tag=1"},
                     {"To", "<sip:b@example.com>;tag=" + tag},
                     {"Call-ID", "so-test"},
                     {"CSeq", "1 ACK"}}};
    EXPECT_EQ(plugin->hooks[0]->run(instance, ack.handle(), run.handle()), SIPLINE_RC_STOP);

    FakeRpcReply stats;
    plugin->rpc_methods[0]->handle(instance, {"[]", 2}, stats.handle());
    ASSERT_TRUE(stats.result);
    EXPECT_NE(stats.result->find(R"("sent_replies":1)"), std::string::npos) << *stats.result;
    EXPECT_NE(stats.result->find(R"("received_ACKs":1)"), std::string::npos) << *stats.result;

    plugin->stop(instance);
    plugin->destroy(instance);
}

}  // namespace
