// Table definitions: both TOML forms, Kamailio's size rules, and the refusals with reasons.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sipline/sdk.hpp>

#include "htable_config.hpp"
#include "table_spec.hpp"

namespace {

using namespace sipline::htable;
using nlohmann::json;

std::string refusal(const std::string &config_json) {
    try {
        htableConfigFromJson(config_json);
    } catch (const sipline::sdk::ConfigError &e) {
        return e.what();
    }
    return "accepted";
}

TEST(TableSpec, ReadsTheTomlFormWithKamailiosAttributes) {
    const auto specs = parseTableSpecs(json::parse(R"([
        {"name": "ipban", "size": 8, "autoexpire": 300, "updateexpire": 0, "initval": 0},
        {"name": "users", "dbtable": "htable", "dbmode": 1}])"));
    ASSERT_EQ(specs.size(), 2u);
    EXPECT_EQ(specs[0].name, "ipban");
    EXPECT_EQ(specs[0].slots, 256u);
    EXPECT_EQ(specs[0].autoexpire, 300);
    EXPECT_FALSE(specs[0].updateexpire);
    EXPECT_EQ(specs[0].initval, 0);
    EXPECT_EQ(specs[1].slots, 16u) << "default size 4";
    EXPECT_EQ(specs[1].dbtable, "htable");
    EXPECT_EQ(specs[1].dbmode, 1);
    EXPECT_FALSE(specs[1].initval);
}

TEST(TableSpec, ReadsKamailiosStringForm) {
    const auto spec = parseTableSpec("a=>size=10;autoexpire=7200;dbtable=htable;cols='k,c1,c2';coldelim=|", "t");
    EXPECT_EQ(spec.name, "a");
    EXPECT_EQ(spec.slots, 1024u);
    EXPECT_EQ(spec.autoexpire, 7200);
    EXPECT_EQ(spec.cols, (std::vector<std::string>{"k", "c1", "c2"}));
    EXPECT_EQ(spec.coldelim, '|');
    EXPECT_EQ(kamailioForm(spec), "a=>size=10;autoexpire=7200;dbtable=htable;cols='k,c1,c2'");
    EXPECT_EQ(parseTableSpec("plain", "t").slots, 16u);
}

TEST(TableSpec, SmallSizesGiveEightSlotsAsInKamailio) {
    EXPECT_EQ(slotsForSize(0), 8u);
    EXPECT_EQ(slotsForSize(1), 8u);
    EXPECT_EQ(slotsForSize(2), 4u);
    EXPECT_EQ(slotsForSize(14), 16384u);
}

TEST(TableSpec, RefusesBadDefinitionsWithTheReason) {
    const auto refused = [](const std::string &tables) { return refusal(R"({"tables": )" + tables + "}"); };
    EXPECT_NE(refused(R"([{"name": "a", "size": 1000}])").find("size must be an integer in 0..20 (an exponent"),
              std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "autoexpire": -1}])").find("autoexpire"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "sise": 4}])").find("unknown attribute 'sise'"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a"}, "a=>size=2"])").find("tables[1]: table \"a\" is defined twice"),
              std::string::npos);
    EXPECT_NE(refused(R"([{"size": 4}])").find("tables[0]: name must be"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "dbmode": 1}])").find("dbmode = 1 writes back to dbtable"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "dmqreplicate": 1}])").find("no DMQ"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "updateexpire": 2}])").find("updateexpire must be an integer in 0..1"),
              std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "dbtable": "x; drop"}])").find("is not a table name"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "dbtable": "t", "cols": "k"}])").find("cols must name"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "initval": "zero"}])").find("initval must be an integer"), std::string::npos);
    EXPECT_NE(refused(R"(["a=>size"])").find("'size' is not attribute=value"), std::string::npos);
    EXPECT_NE(refused(R"({"name": "a"})").find("tables must be an array"), std::string::npos);
    EXPECT_NE(refused(R"([{"name": "a", "dbtable": "htable"}])").find("db_url is not set"), std::string::npos);
}

TEST(HtableConfig, ReadsTheModuleParameters) {
    const HtableConfig config = htableConfigFromJson(R"({"tables": [{"name": "a", "dbtable": "ht"}],
        "db_url": "sqlite:/tmp/x.db", "key_name_column": "kname", "array_size_suffix": "#n",
        "timer_interval": 0, "db_expires": 1})");
    EXPECT_EQ(config.db_url, "sqlite:/tmp/x.db");
    EXPECT_EQ(config.layout.columns.key_name, "kname");
    EXPECT_EQ(config.layout.columns.key_value, "key_value");
    EXPECT_EQ(config.layout.array_size_suffix, "#n");
    EXPECT_TRUE(config.layout.db_expires);
    EXPECT_EQ(config.timer_interval, 20) << "<= 0 means 20, as in Kamailio";
    EXPECT_NE(refusal(R"({"key_value_column": "1bad"})").find("is not a column name"), std::string::npos);
}

}  // namespace
