// replicate = "redis://...": what is accepted, what is refused and why, and how it is shown.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sipline/sdk.hpp>

#include "redis_url.hpp"
#include "table_spec.hpp"
#include "wire_message.hpp"

namespace htable_test {
namespace {

using namespace sipline::htable;

TEST(RedisUrl, HostPortDatabaseAndCredentials) {
    std::string why;
    auto endpoint = parseRedisUrl("redis://127.0.0.1:6380/2", &why);
    ASSERT_TRUE(endpoint) << why;
    EXPECT_EQ(endpoint->host, "127.0.0.1");
    EXPECT_EQ(endpoint->port, 6380);
    EXPECT_EQ(endpoint->db, 2);
    EXPECT_TRUE(endpoint->password.empty());

    endpoint = parseRedisUrl("redis://:s3cret@localhost", &why);
    ASSERT_TRUE(endpoint) << why;
    EXPECT_EQ(endpoint->host, "localhost");
    EXPECT_EQ(endpoint->port, 6379);
    EXPECT_EQ(endpoint->db, 0);
    EXPECT_EQ(endpoint->password, "s3cret");
    EXPECT_TRUE(endpoint->user.empty());

    endpoint = parseRedisUrl("redis://sipline:pw@[::1]:6390/", &why);
    ASSERT_TRUE(endpoint) << why;
    EXPECT_EQ(endpoint->host, "::1");
    EXPECT_EQ(endpoint->port, 6390);
    EXPECT_EQ(endpoint->user, "sipline");
}

TEST(RedisUrl, RefusalsSayWhy) {
    std::string why;
    EXPECT_FALSE(parseRedisUrl("rediss://127.0.0.1", &why));
    EXPECT_NE(why.find("TLS"), std::string::npos) << why;
    EXPECT_FALSE(parseRedisUrl("http://127.0.0.1", &why));
    EXPECT_NE(why.find("not a redis:// URL"), std::string::npos) << why;
    EXPECT_FALSE(parseRedisUrl("redis://127.0.0.1:0", &why));
    EXPECT_NE(why.find("bad port"), std::string::npos) << why;
    EXPECT_FALSE(parseRedisUrl("redis://127.0.0.1/16", &why));
    EXPECT_NE(why.find("0..15"), std::string::npos) << why;
    EXPECT_FALSE(parseRedisUrl("redis://:6379", &why));
    EXPECT_NE(why.find("no host"), std::string::npos) << why;
    EXPECT_FALSE(parseRedisUrl("redis://password@host", &why));
    EXPECT_NE(why.find("credentials"), std::string::npos) << why;
}

TEST(RedisUrl, ThePasswordIsNeverShown) {
    EXPECT_EQ(redisUrlForDisplay("redis://:s3cret@127.0.0.1:6379/0"), "redis://:***@127.0.0.1:6379/0");
    EXPECT_EQ(redisUrlForDisplay("redis://user:s3cret@h/1"), "redis://user:***@h/1");
    EXPECT_EQ(redisUrlForDisplay("redis://127.0.0.1:6379/0"), "redis://127.0.0.1:6379/0");
}

std::string refusalOf(const std::string &definition) {
    try {
        parseTableSpec(nlohmann::json::parse(definition), "tables[0]");
    } catch (const sipline::sdk::ConfigError &e) {
        return e.what();
    }
    return "accepted";
}

TEST(ReplicateAttribute, InBothFormsAndShownWithoutPassword) {
    const TableSpec spec =
        parseTableSpec(nlohmann::json::parse(R"("ipban=>size=8;replicate=redis://:pw@127.0.0.1:6379/0")"), "t");
    EXPECT_EQ(spec.replicate, "redis://:pw@127.0.0.1:6379/0");
    EXPECT_EQ(kamailioForm(spec), "ipban=>size=8;replicate=redis://:***@127.0.0.1:6379/0");
    EXPECT_EQ(parseTableSpec(nlohmann::json::parse(R"({"name": "t", "replicate": "redis://h"})"), "t").replicate,
              "redis://h");
}

TEST(ReplicateAttribute, RefusalsSayWhy) {
    EXPECT_NE(refusalOf(R"({"name": "t", "replicate": "rediss://h"})").find("replicate: rediss:// (TLS)"),
              std::string::npos);
    EXPECT_NE(refusalOf(R"({"name": "t", "replicate": "redis://h", "dbtable": "htable"})")
                  .find("replicate and dbtable cannot be combined"),
              std::string::npos);
    EXPECT_NE(refusalOf(R"({"name": "t", "dmqreplicate": 1})").find("use replicate"), std::string::npos);
}

TEST(WireMessage, ReadsEachOperation) {
    std::string why;
    auto message = parseWireMessage(R"({"s":7,"n":"a:1","o":"set","k":"10.0.0.1","t":"i","v":"9223372036854775807","e":"1700000000"})", &why);
    ASSERT_TRUE(message) << why;
    EXPECT_EQ(message->seq, 7);
    EXPECT_EQ(message->node, "a:1");
    EXPECT_EQ(message->op, WireOp::Set);
    EXPECT_EQ(message->value, CellValue{int64_t{9223372036854775807}}) << "64-bit values travel as text";
    EXPECT_EQ(message->expire, 1700000000);
    message = parseWireMessage(R"({"s":8,"n":"b","o":"set","k":"k","t":"s","v":"a \"quoted\" text","e":"0"})", &why);
    ASSERT_TRUE(message) << why;
    EXPECT_EQ(message->value, CellValue{std::string{"a \"quoted\" text"}});
    message = parseWireMessage(R"({"s":9,"n":"b","o":"del","k":"k","t":"","v":"","e":"0"})", &why);
    ASSERT_TRUE(message) << why;
    EXPECT_EQ(message->op, WireOp::Delete);
    message = parseWireMessage(R"({"s":10,"n":"b","o":"flush","k":"","t":"","v":"","e":"0"})", &why);
    ASSERT_TRUE(message) << why;
    EXPECT_EQ(message->op, WireOp::Flush);
}

TEST(WireMessage, MalformedMessagesAreRefusedWithAReason) {
    std::string why;
    EXPECT_FALSE(parseWireMessage("not json", &why));
    EXPECT_EQ(why, "not a JSON object");
    EXPECT_FALSE(parseWireMessage(R"({"n":"a","o":"set"})", &why));
    EXPECT_EQ(why, "no sequence number");
    EXPECT_FALSE(parseWireMessage(R"({"s":1,"o":"explode"})", &why));
    EXPECT_NE(why.find("unknown operation"), std::string::npos);
    EXPECT_FALSE(parseWireMessage(R"({"s":1,"o":"set","k":"k","t":"i","v":"12x","e":"0"})", &why));
    EXPECT_NE(why.find("bad value"), std::string::npos);
    EXPECT_FALSE(parseWireMessage(R"({"s":1,"o":"exp","k":"k","e":"soon"})", &why));
    EXPECT_NE(why.find("bad expiry"), std::string::npos);
}

}  // namespace
}  // namespace htable_test
