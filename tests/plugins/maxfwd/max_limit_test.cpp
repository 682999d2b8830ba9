// max_limit from the configuration and from maxfwd.set_limit's params.
#include <gtest/gtest.h>

#include <sipline/sdk.hpp>

#include "max_limit.hpp"

namespace {

using sipline::maxfwd::maxLimitFromConfig;
using sipline::maxfwd::maxLimitFromRpcParams;
using sipline::maxfwd::maxLimitJson;

TEST(MaxLimitConfig, ReadsTheValueOrDefaultsTo70) {
    EXPECT_EQ(maxLimitFromConfig(R"({"max_limit": 16})"), 16);
    EXPECT_EQ(maxLimitFromConfig(R"({"max_limit": 0})"), 0);
    EXPECT_EQ(maxLimitFromConfig(R"({"max_limit": 255})"), 255);
    EXPECT_EQ(maxLimitFromConfig("{}"), 70);
}

TEST(MaxLimitConfig, RefusesValuesOutside0To255AndOtherTypes) {
    for (const char *bad : {R"({"max_limit": 256})", R"({"max_limit": -1})",
                            R"({"max_limit": "70"})", R"({"max_limit": 7.5})", "[70]", "not json"})
        EXPECT_THROW(maxLimitFromConfig(bad), sipline::sdk::ConfigError) << bad;
}

TEST(MaxLimitRpc, AcceptsOneIntegerIn0To255) {
    EXPECT_EQ(std::get<int64_t>(maxLimitFromRpcParams("[30]")), 30);
    EXPECT_EQ(std::get<int64_t>(maxLimitFromRpcParams("[0]")), 0);
    EXPECT_EQ(std::get<int64_t>(maxLimitFromRpcParams(" [255] ")), 255);
}

TEST(MaxLimitRpc, ExplainsWhatIsWrong) {
    EXPECT_EQ(std::get<std::string>(maxLimitFromRpcParams("[256]")),
              "max_limit must be an integer in 0..255, got 256");
    EXPECT_EQ(std::get<std::string>(maxLimitFromRpcParams(R"(["30"])")),
              R"(max_limit must be an integer in 0..255, got "30")");
    for (const char *bad : {"[]", "[1, 2]", "30", "{\"max_limit\": 30}", "[", ""})
        EXPECT_EQ(std::get<std::string>(maxLimitFromRpcParams(bad)),
                  "expected params [max_limit], with max_limit an integer in 0..255")
            << bad;
}

TEST(MaxLimitRpc, ResultIsAnObject) { EXPECT_EQ(maxLimitJson(70), R"({"max_limit":70})"); }

}  // namespace
