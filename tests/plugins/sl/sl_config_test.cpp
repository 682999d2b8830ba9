// sl's configuration object.
#include <gtest/gtest.h>

#include <sipline/sdk.hpp>

#include "sl_config.hpp"

namespace {

using sipline::sl::slConfigFromJson;

TEST(SlConfig, DefaultsMatchKamailioPlusOurServerHeader) {
    const auto config = slConfigFromJson("{}");
    EXPECT_EQ(config.default_code, 500);
    EXPECT_EQ(config.default_reason, "Internal Server Error");
    EXPECT_EQ(config.server_header, "sipline");
}

TEST(SlConfig, ReadsEveryKey) {
    const auto config = slConfigFromJson(
        R"({"default_code": 503, "default_reason": "Try Later", "server_header": ""})");
    EXPECT_EQ(config.default_code, 503);
    EXPECT_EQ(config.default_reason, "Try Later");
    EXPECT_EQ(config.server_header, "");
}

TEST(SlConfig, RefusesBadValues) {
    for (const char *bad : {R"({"default_code": 99})", R"({"default_code": 700})",
                            R"({"default_code": "500"})", R"({"default_reason": ""})",
                            R"({"default_reason": 5})", R"({"default_reason": "a\r\nB: c"})",
                            R"({"server_header": "x\ny"})", "[]", "oops"})
        EXPECT_THROW(slConfigFromJson(bad), sipline::sdk::ConfigError) << bad;
}

}  // namespace
