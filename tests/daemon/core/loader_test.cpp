// The loader refuses every bad plugin at start with the config line, the file and the reason.
#include <gtest/gtest.h>

#include "registry_fixture.hpp"

namespace sipline::test {
namespace {

std::string fixture(const std::string &name) { return std::string{SIPLINE_FIXTURE_PLUGIN_DIR} + "/" + name + ".so"; }

std::string loadFixture(const std::string &section, const std::string &file, const std::string &before = "") {
    return refusal(withCore(before + "[plugins." + section + "]\nplugin_file = \"" + fixture(file) +
                            "\"\n[[route.request]]\ndo = \"drop\"\n"));
}

TEST(Loader, APureCPluginLoadsAndItsFunctionCompiles) {
    auto loaded = load(withCore("[plugins.hello_c]\nplugin_file = \"" + fixture("hello_c") +
                                "\"\ngreeting = \"hi\"\n[[route.request]]\ncall = \"hello_c.always_true\"\n"));
    ASSERT_TRUE(loaded->registry->hasPlugin("hello_c"));
    EXPECT_NE(loaded->registry->findFunction("hello_c.always_true"), nullptr);
}

TEST(Loader, RefusesAnotherAbiMajor) {
    EXPECT_EQ(loadFixture("abi_major_2", "abi_major_2"),
              "test.toml:3: plugin 'abi_major_2': " + fixture("abi_major_2") +
                  ": built for SDK ABI 2.x, this sipline speaks 1.x");
}

TEST(Loader, RefusesANewerMinor) {
    EXPECT_EQ(loadFixture("newer_minor", "newer_minor"),
              "test.toml:3: plugin 'newer_minor': " + fixture("newer_minor") +
                  ": built against newer SDK 1.99, this sipline speaks 1." + std::to_string(SIPLINE_ABI_MINOR) +
                  ": upgrade sipline");
}

TEST(Loader, RefusesALibraryWithoutTheEntrySymbol) {
    EXPECT_EQ(loadFixture("no_entry", "no_entry"),
              "test.toml:3: plugin 'no_entry': " + fixture("no_entry") + ": not a sipline plugin (no sipline_plugin_entry)");
}

TEST(Loader, RefusesAnEntryReturningNull) {
    EXPECT_EQ(loadFixture("null_entry", "null_entry"),
              "test.toml:3: plugin 'null_entry': " + fixture("null_entry") + ": sipline_plugin_entry returned NULL");
}

TEST(Loader, RefusesADuplicateName) {
    const std::string first = "[plugins.hello_c]\nplugin_file = \"" + fixture("hello_c") + "\"\n";
    EXPECT_EQ(loadFixture("hello_copy", "duplicate_name", first),
              "test.toml:5: " + fixture("duplicate_name") + ": plugin 'hello_c' is already loaded from " + fixture("hello_c"));
}

TEST(Loader, RefusesANameThatDoesNotMatchItsSection) {
    EXPECT_EQ(loadFixture("greeter", "hello_c"),
              "test.toml:3: " + fixture("hello_c") + ": declares plugin 'hello_c' but is configured as [plugins.greeter]");
}

TEST(Loader, RefusesAMissingFile) {
    EXPECT_EQ(refusal(withCore("[plugins.nosuch]\n[[route.request]]\ndo = \"drop\"\n")),
              std::string{"test.toml:3: plugin 'nosuch': "} + SIPLINE_TEST_PLUGIN_DIR + "/nosuch.so: no such plugin file");
}

TEST(Loader, ShowsAPluginsOwnRefusalOfItsConfig) {
    EXPECT_EQ(loadFixture("refuses_config", "refuses_config"),
              "test.toml:3: plugin 'refuses_config' refused its configuration: greeting must not be empty");
}

TEST(Loader, ChecksParametersAgainstTheDeclaration) {
    EXPECT_EQ(refusal(withCore("[plugins.maxfwd]\nmax_limit = 300\n[[route.request]]\ndo = \"drop\"\n")),
              "test.toml:4: plugins.maxfwd.max_limit must be in 0..255, got 300");
    EXPECT_EQ(refusal(withCore("[plugins.maxfwd]\nmax_limt = 3\n[[route.request]]\ndo = \"drop\"\n")),
              "test.toml:4: unknown parameter 'max_limt' for plugin 'maxfwd' (known: max_limit)");
    EXPECT_EQ(refusal(withCore("[plugins.maxfwd]\nmax_limit = \"3\"\n[[route.request]]\ndo = \"drop\"\n")),
              "test.toml:4: plugins.maxfwd.max_limit must be an integer");
}

}  // namespace
}  // namespace sipline::test
