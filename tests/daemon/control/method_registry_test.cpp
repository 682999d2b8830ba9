#include "control/method_registry.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace sipline::control {
namespace {
using nlohmann::json;

class MethodRegistryTest : public ::testing::Test {
protected:
    MethodRegistryTest() {
        registry.add("test.echo", "Returns its params.", [](const json &params) { return params; });
        registry.add("test.add", "Adds two integers.", [](const json &params) {
            if (!params.is_array() || params.size() != 2 || !params[0].is_number_integer() ||
                !params[1].is_number_integer())
                throw RpcFault{kInvalidParams, "expected [int, int]"};
            return json(params[0].get<int>() + params[1].get<int>());
        });
        registry.add("test.count", "Counts calls.", [this](const json &) {
            ++calls;
            return json(nullptr);
        });
        registry.add("test.fault", "Fails with a custom code.",
                     [](const json &) -> json { throw RpcFault{-32001, "no such user"}; });
        registry.add("test.throw", "Throws a std::exception.",
                     [](const json &) -> json { throw std::out_of_range{"index 7 out of range"}; });
        registry.add("test.throwInt", "Throws a non-std exception.",
                     [](const json &) -> json { throw 42; });
    }

    json call(const std::string &request) {
        const std::string text = registry.handle(request);
        EXPECT_EQ(text.find('\n'), std::string::npos) << text;
        return json::parse(text);
    }

    MethodRegistry registry;
    std::atomic<int> calls{0};
};

TEST_F(MethodRegistryTest, AnswersASuccessfulCall) {
    const json response = call(R"({"jsonrpc":"2.0","method":"test.add","params":[2,40],"id":7})");
    EXPECT_EQ(response, (json{{"jsonrpc", "2.0"}, {"result", 42}, {"id", 7}}));
}

TEST_F(MethodRegistryTest, PassesObjectParamsAndNullWhenAbsent) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"test.echo","params":{"a":[1]},"id":"x"})")["result"],
              (json{{"a", {1}}}));
    const json response = call(R"({"jsonrpc":"2.0","method":"test.echo","id":"x"})");
    EXPECT_TRUE(response.contains("result"));
    EXPECT_TRUE(response["result"].is_null());
    EXPECT_EQ(response["id"], "x");
}

TEST_F(MethodRegistryTest, EchoesNullAndStringIds) {
    EXPECT_TRUE(call(R"({"jsonrpc":"2.0","method":"test.echo","id":null})")["id"].is_null());
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"test.echo","id":"abc"})")["id"], "abc");
}

TEST_F(MethodRegistryTest, ParseErrorForMalformedJson) {
    for (const char *bad : {"{", "", "not json", R"({"jsonrpc":"2.0",)", "\xff\xfe"}) {
        const json response = call(bad);
        EXPECT_EQ(response["error"]["code"], kParseError) << bad;
        EXPECT_TRUE(response["id"].is_null());
        EXPECT_EQ(response["jsonrpc"], "2.0");
    }
}

TEST_F(MethodRegistryTest, InvalidRequestForWrongShapes) {
    const char *cases[] = {
        R"(42)",
        R"("text")",
        R"({"method":"test.echo","id":1})",                          // no jsonrpc
        R"({"jsonrpc":"1.0","method":"test.echo","id":1})",          // wrong version
        R"({"jsonrpc":"2.0","id":1})",                               // no method
        R"({"jsonrpc":"2.0","method":5,"id":1})",                    // method not a string
        R"({"jsonrpc":"2.0","method":"test.echo","params":3,"id":1})", // params a scalar
        R"({"jsonrpc":"2.0","method":"test.echo","id":{}})",         // id an object
        R"({"jsonrpc":"2.0","method":"test.echo","id":true})",       // id a boolean
        R"([])",                                                     // empty batch
    };
    for (const char *request : cases) {
        const json response = call(request);
        EXPECT_EQ(response["error"]["code"], kInvalidRequest) << request;
    }
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":5,"id":9})")["id"], 9);
    EXPECT_TRUE(call(R"({"jsonrpc":"2.0","method":"x","id":[1]})")["id"].is_null());
}

TEST_F(MethodRegistryTest, MethodNotFound) {
    const json response = call(R"({"jsonrpc":"2.0","method":"nope","id":1})");
    EXPECT_EQ(response["error"]["code"], kMethodNotFound);
    EXPECT_NE(response["error"]["message"].get<std::string>().find("nope"), std::string::npos);
    EXPECT_EQ(response["id"], 1);
}

TEST_F(MethodRegistryTest, InvalidParamsFromHandler) {
    const json response = call(R"({"jsonrpc":"2.0","method":"test.add","params":["a"],"id":1})");
    EXPECT_EQ(response["error"]["code"], kInvalidParams);
    EXPECT_EQ(response["error"]["message"], "expected [int, int]");
}

TEST_F(MethodRegistryTest, RpcFaultKeepsItsCodeAndMessage) {
    const json response = call(R"({"jsonrpc":"2.0","method":"test.fault","id":1})");
    EXPECT_EQ(response["error"], (json{{"code", -32001}, {"message", "no such user"}}));
    EXPECT_FALSE(response.contains("result"));
}

TEST_F(MethodRegistryTest, OtherExceptionsBecomeInternalErrors) {
    json response = call(R"({"jsonrpc":"2.0","method":"test.throw","id":1})");
    EXPECT_EQ(response["error"]["code"], kInternalError);
    EXPECT_EQ(response["error"]["message"], "index 7 out of range");
    response = call(R"({"jsonrpc":"2.0","method":"test.throwInt","id":1})");
    EXPECT_EQ(response["error"]["code"], kInternalError);
}

TEST_F(MethodRegistryTest, NotificationsGetNoResponseButRun) {
    EXPECT_EQ(registry.handle(R"({"jsonrpc":"2.0","method":"test.count"})"), "");
    EXPECT_EQ(calls.load(), 1);
    // Even failing notifications stay silent.
    EXPECT_EQ(registry.handle(R"({"jsonrpc":"2.0","method":"test.fault"})"), "");
    EXPECT_EQ(registry.handle(R"({"jsonrpc":"2.0","method":"nope"})"), "");
}

TEST_F(MethodRegistryTest, BatchAnswersEachRequestInOrderAndSkipsNotifications) {
    const json response = call(R"([
        {"jsonrpc":"2.0","method":"test.add","params":[1,2],"id":1},
        {"jsonrpc":"2.0","method":"test.count"},
        {"jsonrpc":"2.0","method":"nope","id":2},
        17,
        {"jsonrpc":"2.0","method":"test.fault","id":3}
    ])");
    ASSERT_TRUE(response.is_array());
    ASSERT_EQ(response.size(), 4u);
    EXPECT_EQ(response[0]["result"], 3);
    EXPECT_EQ(response[1]["error"]["code"], kMethodNotFound);
    EXPECT_EQ(response[1]["id"], 2);
    EXPECT_EQ(response[2]["error"]["code"], kInvalidRequest);
    EXPECT_EQ(response[3]["error"]["code"], -32001);
    EXPECT_EQ(calls.load(), 1);
}

TEST_F(MethodRegistryTest, BatchOfNotificationsOnlyGetsNoResponse) {
    EXPECT_EQ(registry.handle(R"([{"jsonrpc":"2.0","method":"test.count"},
                                  {"jsonrpc":"2.0","method":"test.count"}])"),
              "");
    EXPECT_EQ(calls.load(), 2);
}

TEST_F(MethodRegistryTest, AddRejectsDuplicatesEmptyNamesAndEmptyHandlers) {
    EXPECT_THROW(registry.add("test.echo", "again", [](const json &) { return json{}; }),
                 std::invalid_argument);
    EXPECT_THROW(registry.add("system.listMethods", "", [](const json &) { return json{}; }),
                 std::invalid_argument);
    EXPECT_THROW(registry.add("", "empty", [](const json &) { return json{}; }),
                 std::invalid_argument);
    EXPECT_THROW(registry.add("test.none", "no handler", Handler{}), std::invalid_argument);
    EXPECT_FALSE(registry.contains("test.none"));
}

TEST_F(MethodRegistryTest, NamesAreSortedAndIncludeTheSystemMethods) {
    const std::vector<std::string> expected{"system.listMethods", "system.methodHelp",
                                            "test.add",           "test.count",
                                            "test.echo",          "test.fault",
                                            "test.throw",         "test.throwInt"};
    EXPECT_EQ(registry.names(), expected);
    EXPECT_TRUE(registry.contains("test.add"));
    EXPECT_FALSE(registry.contains("test"));
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"system.listMethods","id":1})")["result"],
              json(expected));
}

TEST_F(MethodRegistryTest, MethodHelp) {
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"system.methodHelp","params":["test.add"],"id":1})")
                  ["result"],
              "Adds two integers.");
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"system.methodHelp","params":{"name":"test.echo"},"id":1})")
                  ["result"],
              "Returns its params.");
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"system.methodHelp","params":["nope"],"id":1})")
                  ["error"]["code"],
              kInvalidParams);
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"system.methodHelp","id":1})")["error"]["code"],
              kInvalidParams);
    EXPECT_EQ(call(R"({"jsonrpc":"2.0","method":"system.methodHelp","params":[1],"id":1})")
                  ["error"]["code"],
              kInvalidParams);
}

TEST_F(MethodRegistryTest, InvalidUtf8InAResultIsReplacedNotFatal) {
    registry.add("test.bytes", "", [](const json &) { return json(std::string{"a\xff" "b"}); });
    const json response = call(R"({"jsonrpc":"2.0","method":"test.bytes","id":1})");
    EXPECT_EQ(response["result"], "a\xEF\xBF\xBD" "b");
}

TEST_F(MethodRegistryTest, DeeplyNestedInputDoesNotCrash) {
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    const json response = call(deep);
    ASSERT_TRUE(response.is_array());
    EXPECT_EQ(response[0]["error"]["code"], kInvalidRequest);
}

TEST_F(MethodRegistryTest, HandleIsSafeToCallConcurrently) {
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i) {
                const json response = json::parse(registry.handle(
                    json{{"jsonrpc", "2.0"}, {"method", "test.add"}, {"params", {t, i}}, {"id", i}}
                        .dump()));
                if (response["result"] == t + i && response["id"] == i) ++good;
            }
        });
    for (auto &thread : threads) thread.join();
    EXPECT_EQ(good.load(), 2000);
}

}  // namespace
}  // namespace sipline::control
