// The built sanity.so, loaded with dlopen as the daemon will, next to the built sl.so: the
// descriptor, and a failing request answered through sl's C interface.
#include <dlfcn.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sipline/sdk.h>

#include "fake_host.hpp"
#include "request_text.hpp"

namespace {

using namespace sanity_test;

const sipline_plugin_t *load(const char *path, void *&library) {
    library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) return nullptr;
    const auto entry = reinterpret_cast<const sipline_plugin_t *(*)()>(dlsym(library, SIPLINE_ENTRY_SYMBOL));
    return entry ? entry() : nullptr;
}

std::vector<std::string> aliasesOf(const sipline_function_t &function) {
    return {function.aliases, function.aliases + function.alias_count};
}

class SanitySo : public ::testing::Test {
protected:
    void SetUp() override {
        sanity = load(SANITY_PLUGIN_PATH, sanity_library);
        ASSERT_NE(sanity, nullptr) << dlerror();
        sl = load(SL_PLUGIN_PATH, sl_library);
        ASSERT_NE(sl, nullptr) << dlerror();
    }
    void TearDown() override {
        if (sanity_library) dlclose(sanity_library);
        if (sl_library) dlclose(sl_library);
    }

    void *sanity_library = nullptr;
    void *sl_library = nullptr;
    const sipline_plugin_t *sanity = nullptr;
    const sipline_plugin_t *sl = nullptr;
};

TEST_F(SanitySo, DescribesItself) {
    EXPECT_EQ(sanity->struct_size, sizeof(sipline_plugin_t));
    EXPECT_EQ(sanity->abi.major, 1);
    EXPECT_STREQ(sanity->name, "sanity");
    EXPECT_STREQ(sanity->version, "1.0.0");
    EXPECT_EQ(sanity->hook_count, 0u);
    std::vector<std::string> params;
    for (uint32_t i = 0; i < sanity->param_count; ++i) params.emplace_back(sanity->params[i]->name);
    EXPECT_EQ(std::vector<std::string>(params.begin(), params.begin() + 6),
              (std::vector<std::string>{"default_checks", "uri_checks", "proxy_require", "autodrop", "noreply",
                                        "size_checks"}));
    EXPECT_EQ(params.size(), 18u);
    EXPECT_STREQ(sanity->params[0]->default_json, "3047");
    EXPECT_STREQ(sanity->params[1]->default_json, "7");
}

TEST_F(SanitySo, DeclaresKamailiosFunctions) {
    ASSERT_EQ(sanity->function_count, 3u);
    const sipline_function_t &check = *sanity->functions[0];
    EXPECT_STREQ(check.name, "check");
    EXPECT_EQ(aliasesOf(check), (std::vector<std::string>{"sanity_check"}));
    EXPECT_EQ(check.arg_count, 2u);
    EXPECT_EQ(check.required_arg_count, 0u);
    EXPECT_EQ(check.args[0]->type, SIPLINE_PARAM_JSON);
    EXPECT_EQ(check.routes, static_cast<uint32_t>(SIPLINE_ROUTE_REQUEST | SIPLINE_ROUTE_REPLY));
    EXPECT_NE(check.prepare, nullptr);
    EXPECT_NE(check.release, nullptr);
    EXPECT_STREQ(sanity->functions[1]->name, "check_defaults");
    EXPECT_EQ(aliasesOf(*sanity->functions[1]), (std::vector<std::string>{"sanity_check_defaults"}));
    EXPECT_STREQ(sanity->functions[2]->name, "reply");
    EXPECT_EQ(aliasesOf(*sanity->functions[2]), (std::vector<std::string>{"sanity_reply"}));
}

TEST_F(SanitySo, AnswersThroughTheBuiltSl) {
    FakeHost host;
    DiagRecorder diag;
    const std::string no_config = "{}";
    void *sl_instance = nullptr;
    ASSERT_EQ(sl->create(host.table(), {no_config.data(), no_config.size()}, &sl_instance, diag.get()), SIPLINE_OK);
    ASSERT_EQ(sl->start(sl_instance, diag.get()), SIPLINE_OK);
    host.setSl(static_cast<const sipline_sl_api_t *>(sl->get_interface(sl_instance, SIPLINE_IFACE_SL)));

    const std::string config = R"({"default_checks": 3047, "uri_checks": 7, "proxy_require": "", "autodrop": true})";
    void *instance = nullptr;
    ASSERT_EQ(sanity->create(host.table(), {config.data(), config.size()}, &instance, diag.get()), SIPLINE_OK);
    ASSERT_EQ(sanity->start(instance, diag.get()), SIPLINE_OK) << (diag.errors.empty() ? "" : diag.errors[0]);

    const sipline_function_t &check = *sanity->functions[0];
    const std::string names = R"(["ruri_sip_version", "proxy_require"])";
    const sipline_value_t args[] = {{.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0,
                                     .str = {names.data(), names.size()}}};
    void *state = nullptr;
    ASSERT_EQ(check.prepare(instance, args, 1, &state, diag.get()), SIPLINE_OK);

    FakeMessage good{RequestText{}.str()};
    EXPECT_EQ(check.invoke(instance, state, good.handle(), nullptr, args, 1), 1);
    EXPECT_TRUE(good.sent.empty());

    FakeMessage bad{RequestText{"OPTIONS"}.set("Proxy-Require", "noProxiesSupportThis").str()};
    EXPECT_EQ(check.invoke(instance, state, bad.handle(), nullptr, args, 1), 0);
    ASSERT_EQ(bad.sent.size(), 1u);
    EXPECT_EQ(bad.sent[0].rfind("SIP/2.0 420 Bad Proxy Require Extension\r\n", 0), 0u) << bad.sent[0];
    EXPECT_NE(bad.sent[0].find("\r\nUnsupported: noProxiesSupportThis\r\n"), std::string::npos) << bad.sent[0];

    const std::string unknown = R"(["nope"])";
    const sipline_value_t bad_args[] = {{.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0,
                                         .str = {unknown.data(), unknown.size()}}};
    void *refused = nullptr;
    EXPECT_EQ(check.prepare(instance, bad_args, 1, &refused, diag.get()), SIPLINE_E_CONFIG);

    check.release(instance, state);
    sanity->stop(instance);
    sanity->destroy(instance);
    sl->stop(sl_instance);
    sl->destroy(sl_instance);
}

}  // namespace
