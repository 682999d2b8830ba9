// The control commands: Kamailio's answers and faults, array keys, bad arguments.
#include <nlohmann/json.hpp>

#include "instance_fixture.hpp"

namespace htable_test {
namespace {

using P = HtablePlugin;
using nlohmann::json;

class Rpc : public InstanceTest {
protected:
    void SetUp() override {
        make(R"({"tables": [{"name": "ipban", "size": 8, "autoexpire": 300}, {"name": "course", "size": 2}]})");
    }
    static json result(const FakeRpcReply &reply) {
        EXPECT_TRUE(reply.result) << (reply.fault ? reply.fault->second : "no answer");
        return reply.result ? json::parse(*reply.result) : json{};
    }
    static std::pair<int32_t, std::string> fault(const FakeRpcReply &reply) {
        EXPECT_TRUE(reply.fault) << reply.result.value_or("no answer");
        return reply.fault.value_or(std::pair{0, std::string{}});
    }
};

TEST_F(Rpc, SetGetAndDelete) {
    EXPECT_EQ(result(rpc<&P::rpcSeti>(R"(["ipban", "10.0.0.1", 1])")), "Ok. Key set to new value.");
    const json item = result(rpc<&P::rpcGet>(R"(["ipban", "10.0.0.1"])"))["item"];
    EXPECT_EQ(item["name"], "10.0.0.1");
    EXPECT_EQ(item["value"], 1);
    EXPECT_EQ(item["flags"], 0);
    EXPECT_TRUE(item["expire"].get<std::string>().size() == 19) << item.dump(); // "%Y-%m-%d %H:%M:%S"
    EXPECT_EQ(result(rpc<&P::rpcSets>(R"(["course", "name", "math"])")), "Ok. Key set to new value.");
    const json text = result(rpc<&P::rpcGet>(R"(["course", "name"])"))["item"];
    EXPECT_EQ(text["value"], "math");
    EXPECT_EQ(text["flags"], 2);
    EXPECT_EQ(text["expire"], "NEVER");
    EXPECT_EQ(result(rpc<&P::rpcDelete>(R"(["ipban", "10.0.0.1"])")), "Ok. Key deleted.");
    EXPECT_EQ(fault(rpc<&P::rpcDelete>(R"(["ipban", "10.0.0.1"])")), (std::pair{404, std::string{"Key not found in htable."}}));
    EXPECT_EQ(fault(rpc<&P::rpcGet>(R"(["ipban", "10.0.0.1"])")),
              (std::pair{500, std::string{"Key name doesn't exist in htable."}}));
}

TEST_F(Rpc, ArrayKeysAndNumericKeysAndValues) {
    EXPECT_TRUE(rpc<&P::rpcSets>(R"(["course", "course[0]", "math"])").result);
    EXPECT_TRUE(rpc<&P::rpcSets>(R"(["course", "course[1]", 15])").result) << "a number is stored as its text";
    EXPECT_TRUE(rpc<&P::rpcSeti>(R"(["course", 15, "42"])").result) << "a numeric key, an integer in a string";
    EXPECT_EQ(result(rpc<&P::rpcGet>(R"(["course", "course[1]"])"))["item"]["value"], "15");
    EXPECT_EQ(result(rpc<&P::rpcGet>(R"(["course", "15"])"))["item"]["value"], 42);
    EXPECT_TRUE(rpc<&P::rpcDelete>(R"(["course", "course[0]"])").result);
    EXPECT_EQ(sht("course=>course[1]"), Read{std::string{"15"}});
}

TEST_F(Rpc, BadArgumentsAreJsonRpcErrors) {
    EXPECT_EQ(fault(rpc<&P::rpcGet>(R"(["nosuch", "k"])")), (std::pair{500, std::string{"No such htable"}}));
    EXPECT_EQ(fault(rpc<&P::rpcSeti>(R"(["ipban", "k", "abc"])")),
              (std::pair{-32602, std::string{"value must be an integer, got \"abc\""}}));
    EXPECT_EQ(fault(rpc<&P::rpcSeti>(R"(["ipban", "k", 1.5])")).first, -32602);
    EXPECT_EQ(fault(rpc<&P::rpcGet>(R"(["ipban"])")),
              (std::pair{-32602, std::string{"expected 2 param(s): table key, got 1"}}));
    EXPECT_EQ(fault(rpc<&P::rpcSets>(R"(["ipban", {"a": 1}, "v"])")).second, "key must be a string, got {\"a\":1}");
    EXPECT_EQ(fault(rpc<&P::rpcDump>(R"({"table": "ipban"})")).first, -32602);
    EXPECT_EQ(fault(rpc<&P::rpcReload>(R"(["ipban"])")), (std::pair{500, std::string{"No htable db_url"}}));
    EXPECT_EQ(fault(rpc<&P::rpcStore>(R"(["ipban"])")), (std::pair{500, std::string{"No htable db_url"}}));
}

TEST_F(Rpc, ExpiryCommands) {
    EXPECT_TRUE(rpc<&P::rpcSetxs>(R"(["ipban", "a", "x", 10])").result);
    EXPECT_TRUE(rpc<&P::rpcSetxi>(R"(["ipban", "b", 7, 10])").result);
    EXPECT_TRUE(rpc<&P::rpcSeti>(R"(["ipban", "c", 1])").result);
    EXPECT_EQ(result(rpc<&P::rpcSetex>(R"(["ipban", "c", 20])")), "Ok");
    clock += 11;
    EXPECT_TRUE(rpc<&P::rpcGet>(R"(["ipban", "a"])").fault) << "expired items are absent";
    EXPECT_TRUE(rpc<&P::rpcGet>(R"(["ipban", "b"])").fault);
    EXPECT_TRUE(rpc<&P::rpcGet>(R"(["ipban", "c"])").result);
}

TEST_F(Rpc, DumpFlushListAndStats) {
    for (int i = 0; i < 5; ++i) rpc<&P::rpcSeti>(R"(["course", "k)" + std::to_string(i) + R"(", )" + std::to_string(i) + "]");
    rpc<&P::rpcSets>(R"(["course", "s", "text"])");
    const json dump = result(rpc<&P::rpcDump>(R"(["course"])"));
    ASSERT_TRUE(dump.is_array());
    size_t items = 0;
    for (const json &slot : dump) {
        EXPECT_LT(slot["entry"].get<int>(), 4);
        EXPECT_EQ(slot["size"], slot["slot"].size());
        for (const json &item : slot["slot"]) {
            EXPECT_EQ(item["type"], item["value"].is_string() ? "str" : "int");
            ++items;
        }
    }
    EXPECT_EQ(items, 6u);

    const json stats = result(rpc<&P::rpcStats>("[]"));
    EXPECT_EQ(stats, json::parse(R"([{"name":"ipban","slots":256,"all":0,"min":0,"max":0},)"
                                 R"({"name":"course","slots":4,"all":6,"min":)" +
                                 stats[1]["min"].dump() + R"(,"max":)" + stats[1]["max"].dump() + "}]"));
    EXPECT_EQ(result(rpc<&P::rpcListTables>("[]")),
              json::parse(R"([{"name":"ipban","dbtable":"","dbmode":0,"expire":300,"updateexpire":1,"size":256,"dmqreplicate":0},)"
                          R"({"name":"course","dbtable":"","dbmode":0,"expire":0,"updateexpire":1,"size":4,"dmqreplicate":0}])"));

    EXPECT_EQ(result(rpc<&P::rpcFlush>(R"(["course"])")), "Ok. Htable flushed.");
    EXPECT_EQ(result(rpc<&P::rpcDump>(R"(["course"])")), json::array());
}

}  // namespace
}  // namespace htable_test
