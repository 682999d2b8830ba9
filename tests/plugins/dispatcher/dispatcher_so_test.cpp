// The built dispatcher.so, loaded with dlopen as the daemon does: its descriptor (params,
// functions with Kamailio's names, hooks, variables, control commands) and one run of create,
// select, a variable and an RPC through the C ABI.
#include <dlfcn.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sipline/sdk.h>

#include "fake_host.hpp"

namespace {

using dispatcher_test::FakeHost;
using dispatcher_test::FakeMessage;
using dispatcher_test::FakeRpcReply;
using dispatcher_test::FakeRun;

class DispatcherSo : public ::testing::Test {
protected:
    void SetUp() override {
        library = dlopen(DISPATCHER_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
        ASSERT_NE(library, nullptr) << dlerror();
        const auto entry = reinterpret_cast<const sipline_plugin_t *(*)()>(dlsym(library, SIPLINE_ENTRY_SYMBOL));
        ASSERT_NE(entry, nullptr) << dlerror();
        plugin = entry();
        ASSERT_NE(plugin, nullptr);
    }
    void TearDown() override {
        if (library != nullptr) dlclose(library);
    }
    const sipline_function_t *function(const std::string &name) const {
        for (uint32_t i = 0; i < plugin->function_count; ++i)
            if (plugin->functions[i]->name == name) return plugin->functions[i];
        return nullptr;
    }

    void *library = nullptr;
    const sipline_plugin_t *plugin = nullptr;
};

TEST_F(DispatcherSo, DescribesItself) {
    EXPECT_EQ(plugin->struct_size, sizeof(sipline_plugin_t));
    EXPECT_EQ(plugin->abi.major, 1);
    EXPECT_STREQ(plugin->name, "dispatcher");
    std::vector<std::string> params;
    for (uint32_t i = 0; i < plugin->param_count; ++i) params.push_back(plugin->params[i]->name);
    for (const char *name : {"list_file", "db_url", "flags", "force_dst", "use_default", "hash_mode", "ping_interval",
                             "ping_method", "ping_from", "probing_mode", "probing_threshold", "inactive_threshold",
                             "ping_reply_codes", "hash_size", "reload_delta"})
        EXPECT_NE(std::find(params.begin(), params.end(), name), params.end()) << name;
}

TEST_F(DispatcherSo, DeclaresFunctionsWithKamailiosNames) {
    const std::vector<std::pair<std::string, std::string>> expected{
        {"select", "ds_select_dst"},       {"select_domain", "ds_select_domain"}, {"select_list", "ds_select"},
        {"select_routes", "ds_select_routes"}, {"next", "ds_next_dst"},        {"next_domain", "ds_next_domain"},
        {"set_dst", "ds_set_dst"},         {"mark", "ds_mark_dst"},            {"mark_addr", "ds_mark_addr"},
        {"is_from_list", "ds_is_from_list"}, {"list_exists", "ds_list_exists"}, {"is_active", "ds_is_active"},
        {"load_update", "ds_load_update"}, {"load_unset", "ds_load_unset"},    {"reload", "ds_reload"}};
    for (const auto &[name, alias] : expected) {
        const sipline_function_t *f = function(name);
        ASSERT_NE(f, nullptr) << name;
        EXPECT_EQ(std::string{f->aliases[0]}, alias);
    }
    EXPECT_EQ(function("select")->arg_count, 3u);
    EXPECT_EQ(function("select")->required_arg_count, 2u);
    EXPECT_NE(function("select")->args[0]->flags & SIPLINE_PARAM_DYNAMIC, 0u);
}

TEST_F(DispatcherSo, DeclaresHooksVariablesAndControlCommands) {
    ASSERT_EQ(plugin->hook_count, 2u);
    EXPECT_EQ(plugin->hooks[0]->stage, SIPLINE_STAGE_PRE_REQUEST);
    EXPECT_EQ(plugin->hooks[1]->stage, SIPLINE_STAGE_PRE_REPLY);
    std::vector<std::string> pvars, rpcs;
    for (uint32_t i = 0; i < plugin->pvar_count; ++i) pvars.push_back(plugin->pvars[i]->name);
    for (uint32_t i = 0; i < plugin->rpc_method_count; ++i) rpcs.push_back(plugin->rpc_methods[i]->name);
    EXPECT_EQ(pvars, (std::vector<std::string>{"dsdst", "dsattr", "dsctx", "dsg", "dsfrom"}));
    EXPECT_EQ(rpcs, (std::vector<std::string>{"list", "set_state", "set_duid_state", "reload", "ping_active", "add",
                                              "remove", "hash", "oclist"}));
}

TEST_F(DispatcherSo, RunsThroughTheCAbi) {
    const auto dir = std::filesystem::temp_directory_path() / ("ds_so_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream{dir / "so.list"} << "1 sip:10.0.0.1:5060\n1 sip:10.0.0.2:5060\n";
    FakeHost host;
    std::string errors;
    const sipline_diag_t diag{sizeof(sipline_diag_t), &errors, [](const sipline_diag_t *d, sipline_str_t text) {
                                  static_cast<std::string *>(d->context)->append(text.data, text.len);
                              }};
    const std::string config = R"({"list_file": ")" + (dir / "so.list").string() + R"(", "flags": 2})";
    void *instance = nullptr;
    ASSERT_EQ(plugin->create(host.table(), {config.data(), config.size()}, &instance, &diag), SIPLINE_OK) << errors;
    ASSERT_EQ(plugin->start(instance, &diag), SIPLINE_OK) << errors;

    FakeMessage msg;
    msg.headers = {{"Call-ID", "so@test"}};
    FakeRun run;
    const sipline_value_t args[] = {{SIPLINE_VALUE_INT, 0, 1, {}}, {SIPLINE_VALUE_INT, 0, 4, {}}};
    const sipline_function_t *select = function("select");
    EXPECT_EQ(select->invoke(instance, nullptr, msg.handle(), run.handle(), args, 2), 1);
    EXPECT_EQ(msg.dst_uri, "sip:10.0.0.2:5060");

    const sipline_pvar_t *dsctx = plugin->pvars[2];
    void *pvar_state = nullptr;
    ASSERT_EQ(dsctx->prepare(instance, {"cnt", 3}, &pvar_state, &diag), SIPLINE_OK);
    sipline_value_t value{};
    EXPECT_EQ(dsctx->get(instance, pvar_state, msg.handle(), run.handle(), &value), 1);
    EXPECT_EQ(value.integer, 2);
    dsctx->release(instance, pvar_state);
    EXPECT_NE(dsctx->prepare(instance, {"nope", 4}, &pvar_state, &diag), SIPLINE_OK);

    FakeRpcReply reply;
    plugin->rpc_methods[0]->handle(instance, {"[]", 2}, reply.handle());
    ASSERT_TRUE(reply.result);
    EXPECT_NE(reply.result->find("\"NRSETS\":1"), std::string::npos);

    plugin->stop(instance);
    plugin->destroy(instance);
    void *refused = nullptr;
    const std::string bad = R"({"list_file": "/nonexistent/x.list"})";
    EXPECT_EQ(plugin->create(host.table(), {bad.data(), bad.size()}, &refused, &diag), SIPLINE_E_CONFIG);
    EXPECT_NE(errors.find("cannot read list file"), std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // namespace
