// The built maxfwd.so, loaded with dlopen as the daemon will: its descriptor, and one run of
// each entry point through the C ABI.
#include <dlfcn.h>

#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sipline/sdk.h>

#include "fake_host.hpp"

namespace {

using maxfwd_test::FakeHost;
using maxfwd_test::FakeMessage;
using maxfwd_test::FakeRpcReply;

std::vector<std::string> aliasesOf(const sipline_function_t &function) {
    return {function.aliases, function.aliases + function.alias_count};
}

class MaxfwdSo : public ::testing::Test {
protected:
    void SetUp() override {
        library = dlopen(MAXFWD_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
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

TEST_F(MaxfwdSo, DescribesItself) {
    EXPECT_EQ(plugin->struct_size, sizeof(sipline_plugin_t));
    EXPECT_EQ(plugin->abi.major, 1);
    EXPECT_EQ(plugin->abi.minor, SIPLINE_ABI_MINOR);
    EXPECT_STREQ(plugin->name, "maxfwd");
    EXPECT_STREQ(plugin->version, "1.0.0");
    EXPECT_NE(plugin->create, nullptr);
    EXPECT_NE(plugin->destroy, nullptr);
    EXPECT_EQ(plugin->hook_count, 0u);
}

TEST_F(MaxfwdSo, DeclaresMaxLimit) {
    ASSERT_EQ(plugin->param_count, 1u);
    const sipline_param_t &param = *plugin->params[0];
    EXPECT_EQ(param.struct_size, sizeof(sipline_param_t));
    EXPECT_STREQ(param.name, "max_limit");
    EXPECT_EQ(param.type, SIPLINE_PARAM_INT);
    EXPECT_STREQ(param.default_json, "70");
    EXPECT_EQ(param.min, 0);
    EXPECT_EQ(param.max, 255);
}

TEST_F(MaxfwdSo, DeclaresProcessAndIsLtWithKamailiosNames) {
    ASSERT_EQ(plugin->function_count, 2u);
    const sipline_function_t &process = *plugin->functions[0];
    EXPECT_STREQ(process.name, "process");
    EXPECT_EQ(aliasesOf(process),
              (std::vector<std::string>{"process_maxfwd", "maxfwd_process",
                                        "mf_process_maxfwd_header"}));
    EXPECT_EQ(process.routes, static_cast<uint32_t>(SIPLINE_ROUTE_REQUEST));
    ASSERT_EQ(process.arg_count, 1u);
    EXPECT_EQ(process.required_arg_count, 1u);
    EXPECT_EQ(process.args[0]->type, SIPLINE_PARAM_INT);
    EXPECT_EQ(process.args[0]->min, 0);
    EXPECT_EQ(process.args[0]->max, 255);

    const sipline_function_t &is_lt = *plugin->functions[1];
    EXPECT_STREQ(is_lt.name, "is_lt");
    EXPECT_EQ(aliasesOf(is_lt),
              (std::vector<std::string>{"is_maxfwd_lt", "maxfwd_at_least", "mf_lowlimit"}));
    EXPECT_EQ(is_lt.routes, static_cast<uint32_t>(SIPLINE_ROUTE_REQUEST | SIPLINE_ROUTE_FAILURE |
                                                  SIPLINE_ROUTE_BRANCH));
    ASSERT_EQ(is_lt.arg_count, 1u);
}

TEST_F(MaxfwdSo, DeclaresTheLimitRpcMethods) {
    ASSERT_EQ(plugin->rpc_method_count, 2u);
    EXPECT_STREQ(plugin->rpc_methods[0]->name, "get_limit");
    EXPECT_STREQ(plugin->rpc_methods[1]->name, "set_limit");
}

TEST_F(MaxfwdSo, RunsThroughTheCAbi) {
    FakeHost host;
    const sipline_diag_t diag{.struct_size = sizeof(sipline_diag_t), .context = nullptr,
                              .error = [](const sipline_diag_t *, sipline_str_t) {}};
    const std::string config = R"({"max_limit": 16})";
    void *instance = nullptr;
    ASSERT_EQ(plugin->create(host.table(), {config.data(), config.size()}, &instance, &diag),
              SIPLINE_OK);
    ASSERT_EQ(plugin->start(instance, &diag), SIPLINE_OK);

    FakeMessage msg{{{"Max-Forwards", "70"}}};
    const sipline_value_t max_value{.type = SIPLINE_VALUE_INT, .reserved = 0, .integer = 10,
                                    .str = {}};
    EXPECT_EQ(plugin->functions[0]->invoke(instance, nullptr, msg.handle(), nullptr, &max_value, 1),
              1);
    ASSERT_EQ(msg.set.size(), 1u);
    EXPECT_EQ(msg.set[0].value, "16");
    EXPECT_EQ(plugin->functions[1]->invoke(instance, nullptr, msg.handle(), nullptr, &max_value, 1),
              -1);

    FakeRpcReply reply;
    plugin->rpc_methods[0]->handle(instance, {"[]", 2}, reply.handle());
    EXPECT_EQ(reply.result, R"({"max_limit":16})");

    plugin->stop(instance);
    plugin->destroy(instance);
}

}  // namespace
