// The TCP control listener's token check, without sockets: which requests reach a method.
#include "control/token_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace sipline::control {
namespace {
using nlohmann::json;

class TokenGateTest : public ::testing::Test {
protected:
    TokenGateTest() {
        registry.add("test.count", "", [this](const json &params) {
            ++calls;
            return params;
        });
    }
    json answer(const std::string &text, bool *refused = nullptr) { return json::parse(gate.handle(text, refused)); }

    MethodRegistry registry;
    TokenGate gate{registry, "s3cret-s3cret-s3cret"};
    std::atomic<int> calls{0};
};

TEST_F(TokenGateTest, TheRightTokenRunsTheMethodWithoutSeeingAuth) {
    bool refused = true;
    const json response =
        answer(R"({"jsonrpc":"2.0","method":"test.count","params":{"a":1},"id":7,"auth":"s3cret-s3cret-s3cret"})",
               &refused);
    EXPECT_FALSE(refused);
    EXPECT_EQ(response["result"], json({{"a", 1}}));
    EXPECT_EQ(response["id"], 7);
    EXPECT_EQ(calls, 1);
}

TEST_F(TokenGateTest, MissingWrongOrMistypedTokensAreRefusedAndRunNothing) {
    for (const std::string auth : {"", R"(,"auth":"wrong")", R"(,"auth":"s3cret-s3cret-s3cre")",
                                   R"(,"auth":"s3cret-s3cret-s3cret!")", R"(,"auth":12)", R"(,"auth":null)"}) {
        bool refused = false;
        const json response = answer(R"({"jsonrpc":"2.0","method":"test.count","id":3)" + auth + "}", &refused);
        EXPECT_TRUE(refused) << auth;
        EXPECT_EQ(response["error"]["code"], kUnauthorized) << auth;
        EXPECT_EQ(response["id"], 3) << "the caller can match the refusal to its request";
    }
    EXPECT_EQ(calls, 0);
}

TEST_F(TokenGateTest, ABatchNeedsTheTokenOnEveryRequest) {
    const std::string good = R"({"jsonrpc":"2.0","method":"test.count","id":1,"auth":"s3cret-s3cret-s3cret"})";
    const std::string bad = R"({"jsonrpc":"2.0","method":"test.count","id":2})";
    const json refused = answer("[" + good + "," + bad + "]");
    EXPECT_EQ(refused["error"]["code"], kUnauthorized);
    EXPECT_TRUE(refused["id"].is_null());
    EXPECT_EQ(calls, 0) << "not even the authorised half runs";
    EXPECT_EQ(answer("[]")["error"]["code"], kUnauthorized);
    const json both = answer("[" + good + "," + good + "]");
    ASSERT_TRUE(both.is_array());
    EXPECT_EQ(both.size(), 2u);
    EXPECT_EQ(calls, 2);
}

TEST_F(TokenGateTest, MalformedJsonGetsTheParseErrorEitherWay) {
    for (const std::string text : {"{", "not json", "\x01\x02\xff", R"({"auth":"s3cret-s3cret-s3cret",)"}) {
        const json response = answer(text);
        EXPECT_EQ(response["error"]["code"], kParseError) << text;
    }
    EXPECT_EQ(answer("42")["error"]["code"], kUnauthorized) << "not a request object: no token either";
    EXPECT_EQ(calls, 0);
}

TEST_F(TokenGateTest, AnEmptyTokenIsRejectedAtConstruction) {
    EXPECT_THROW((TokenGate{registry, ""}), std::invalid_argument);
}

}  // namespace
}  // namespace sipline::control
