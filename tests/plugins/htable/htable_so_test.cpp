// The built htable.so, loaded with dlopen as the daemon does: its descriptor, Kamailio's
// names, and one run of a variable, a function and a control command through the C ABI.
#include <dlfcn.h>

#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sipline/sdk.h>

#include "fake_host.hpp"

namespace {

using htable_test::FakeHost;
using htable_test::FakeMessage;
using htable_test::FakeRpcReply;
using htable_test::FakeRun;

class HtableSo : public ::testing::Test {
protected:
    void SetUp() override {
        library = dlopen(HTABLE_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
        ASSERT_NE(library, nullptr) << dlerror();
        const auto entry =
            reinterpret_cast<const sipline_plugin_t *(*)()>(dlsym(library, SIPLINE_ENTRY_SYMBOL));
        ASSERT_NE(entry, nullptr) << dlerror();
        plugin = entry();
        ASSERT_NE(plugin, nullptr);
    }
    void TearDown() override {
        if (library) dlclose(library);
    }
    const sipline_function_t *function(const char *name) const {
        for (uint32_t i = 0; i < plugin->function_count; ++i)
            if (std::strcmp(plugin->functions[i]->name, name) == 0) return plugin->functions[i];
        return nullptr;
    }
    const sipline_pvar_t *pvar(const char *name) const {
        for (uint32_t i = 0; i < plugin->pvar_count; ++i)
            if (std::strcmp(plugin->pvars[i]->name, name) == 0) return plugin->pvars[i];
        return nullptr;
    }
    const sipline_rpc_method_t *method(const char *name) const {
        for (uint32_t i = 0; i < plugin->rpc_method_count; ++i)
            if (std::strcmp(plugin->rpc_methods[i]->name, name) == 0) return plugin->rpc_methods[i];
        return nullptr;
    }

    void *library = nullptr;
    const sipline_plugin_t *plugin = nullptr;
};

TEST_F(HtableSo, DescribesItself) {
    EXPECT_EQ(plugin->struct_size, sizeof(sipline_plugin_t));
    EXPECT_EQ(plugin->abi.major, 1);
    EXPECT_STREQ(plugin->name, "htable");
    EXPECT_STREQ(plugin->params[0]->name, "tables");
    EXPECT_EQ(plugin->params[0]->type, SIPLINE_PARAM_JSON);
    EXPECT_STREQ(plugin->params[0]->default_json, "[]");
}

TEST_F(HtableSo, DeclaresKamailiosNames) {
    const std::vector<std::pair<const char *, const char *>> functions{
        {"print", "sht_print"},     {"rm", "sht_rm"},           {"rm_name_re", "sht_rm_name_re"},
        {"rm_value_re", "sht_rm_value_re"}, {"rm_name", "sht_rm_name"}, {"rm_value", "sht_rm_value"},
        {"setxs", "sht_setxs"},     {"setxi", "sht_setxi"},     {"reset", "sht_reset"},
        {"lock", "sht_lock"},       {"unlock", "sht_unlock"},   {"match_name", "sht_match_name"},
        {"match_str_value", "sht_match_str_value"}, {"is_null", "sht_is_null"}, {"inc", "sht_inc"},
        {"dec", "sht_dec"}};
    EXPECT_EQ(plugin->function_count, functions.size());
    for (const auto &[name, alias] : functions) {
        const sipline_function_t *f = function(name);
        ASSERT_NE(f, nullptr) << name;
        ASSERT_GE(f->alias_count, 1u) << name;
        EXPECT_STREQ(f->aliases[0], alias);
        EXPECT_EQ(f->routes, static_cast<uint32_t>(SIPLINE_ROUTE_ANY));
    }
    EXPECT_STREQ(function("match_name")->aliases[1], "sht_has_name");
    for (const char *name : {"sht", "shtex"}) EXPECT_NE(pvar(name)->flags & SIPLINE_PVAR_WRITABLE, 0u) << name;
    for (const char *name : {"shtcn", "shtcv", "shtinc", "shtdec"}) {
        ASSERT_NE(pvar(name), nullptr) << name;
        EXPECT_EQ(pvar(name)->flags & SIPLINE_PVAR_WRITABLE, 0u) << name;
    }
    for (const char *name : {"get", "delete", "sets", "seti", "setex", "setxs", "setxi", "dump", "reload", "store",
                             "flush", "listTables", "stats"})
        EXPECT_NE(method(name), nullptr) << name;
}

TEST_F(HtableSo, RunsThroughTheCAbi) {
    FakeHost host;
    FakeMessage msg;
    FakeRun run;
    msg.variables["si"] = "192.0.2.7";
    std::string why;
    const sipline_diag_t diag{sizeof(sipline_diag_t), &why, [](const sipline_diag_t *d, sipline_str_t text) {
                                  static_cast<std::string *>(d->context)->assign(text.data, text.len);
                              }};

    const std::string bad = R"({"tables": [{"name": "ipban", "size": 99}]})";
    void *instance = nullptr;
    EXPECT_EQ(plugin->create(host.table(), {bad.data(), bad.size()}, &instance, &diag), SIPLINE_E_CONFIG);
    EXPECT_NE(why.find("size must be an integer in 0..20"), std::string::npos) << why;

    const std::string config = R"({"tables": [{"name": "ipban", "size": 8, "autoexpire": 300}], "timer_interval": 20})";
    ASSERT_EQ(plugin->create(host.table(), {config.data(), config.size()}, &instance, &diag), SIPLINE_OK) << why;
    ASSERT_EQ(plugin->start(instance, &diag), SIPLINE_OK);

    const sipline_pvar_t &sht = *pvar("sht");
    void *state = nullptr;
    const std::string argument = "ipban=>$si";
    ASSERT_EQ(sht.prepare(instance, {argument.data(), argument.size()}, &state, &diag), SIPLINE_OK);
    const sipline_value_t one{SIPLINE_VALUE_INT, 0, 1, {}};
    EXPECT_EQ(sht.set(instance, state, msg.handle(), run.handle(), &one), 1);
    sipline_value_t out{};
    EXPECT_EQ(sht.get(instance, state, msg.handle(), run.handle(), &out), 1);
    EXPECT_EQ(out.type, SIPLINE_VALUE_INT);
    EXPECT_EQ(out.integer, 1);
    sht.release(instance, state);

    const std::string wrong = "nosuch=>$si";
    EXPECT_EQ(sht.prepare(instance, {wrong.data(), wrong.size()}, &state, &diag), SIPLINE_E_CONFIG);
    EXPECT_EQ(why, "no table \"nosuch\" (defined: ipban)");

    FakeRpcReply reply;
    const std::string params = R"(["ipban", "192.0.2.7"])";
    method("get")->handle(instance, {params.data(), params.size()}, reply.handle());
    ASSERT_TRUE(reply.result);
    EXPECT_NE(reply.result->find(R"("name":"192.0.2.7","value":1)"), std::string::npos) << *reply.result;

    plugin->stop(instance);
    plugin->destroy(instance);
    EXPECT_EQ(host.liveTemplates(), 0);
}

}  // namespace
