// The script functions with their Kamailio return codes.
#include <thread>

#include "instance_fixture.hpp"

namespace htable_test {
namespace {

using P = HtablePlugin;

class Functions : public InstanceTest {
protected:
    void SetUp() override {
        make(R"({"tables": [{"name": "t", "autoexpire": 100}, {"name": "c", "initval": 5}, {"name": "p"}]})");
        msg.variables["si"] = "10.0.0.1";
        for (const char *key : {"10.0.0.1", "10.0.0.2", "192.168.1.1", "user:alice"}) assign(std::string{"t=>"} + key, str("v"));
        assign("t=>num", num(3));
        assign("t=>url", str("sip:carol@example.com"));
    }
    size_t count(const char *table) { return plugin->tables().find(table)->countAll(); }
};

TEST_F(Functions, RemoveOneItem) {
    EXPECT_EQ((call<&P::prepareTableArgs, &P::remove>({str("t"), str("$si")})), 1);
    EXPECT_EQ(sht("t=>10.0.0.1"), Read{});
    EXPECT_EQ((call<&P::prepareTableArgs, &P::remove>({str("nosuch"), str("k")})), -100);
    EXPECT_EQ(last_refusal, "no table \"nosuch\"");
    msg.variables["var(t)"] = "nosuch";
    EXPECT_EQ((call<&P::prepareTableArgs, &P::remove>({str("$var(t)"), str("k")})), -1) << "dynamic unknown table";
}

TEST_F(Functions, RemoveByNameAndValueRegexps) {
    EXPECT_EQ((call<&P::prepareTableRegex, &P::removeNameRegex>({str("t=>^10\\.0\\.0\\.[0-9]+$")})), 1);
    EXPECT_EQ(count("t"), 4u);
    EXPECT_EQ((call<&P::prepareTableRegex, &P::removeValueRegex>({str("t=>^SIP:")})), 1) << "case-insensitive";
    EXPECT_EQ(sht("t=>url"), Read{});
    EXPECT_EQ(sht("t=>num"), Read{int64_t{3}}) << "integer values never match a value regexp";
    EXPECT_EQ((call<&P::prepareTableRegex, &P::removeNameRegex>({str("t=>(")})), -100);
    EXPECT_NE(last_refusal.find("bad regular expression"), std::string::npos);
}

TEST_F(Functions, RemoveByOperator) {
    EXPECT_EQ((call<&P::prepareRemoveByName, &P::removeMatching>({str("t"), str("sw"), str("10.")})), 1);
    EXPECT_EQ(count("t"), 4u);
    EXPECT_EQ((call<&P::prepareRemoveByName, &P::removeMatching>({str("t"), str("ew"), str(".1.1")})), 1);
    EXPECT_EQ((call<&P::prepareRemoveByName, &P::removeMatching>({str("t"), str("in"), str("alice")})), 1);
    EXPECT_EQ((call<&P::prepareRemoveByValue, &P::removeMatching>({str("t"), str("re"), str("carol")})), 1);
    EXPECT_EQ(count("t"), 1u);
    EXPECT_EQ((call<&P::prepareRemoveByName, &P::removeMatching>({str("t"), str("xx"), str("a")})), -100);
    msg.variables["var(op)"] = "xx";
    EXPECT_EQ((call<&P::prepareRemoveByName, &P::removeMatching>({str("t"), str("$var(op)"), str("a")})), -1);
}

TEST_F(Functions, MatchNameAndValue) {
    EXPECT_EQ((call<&P::prepareMatchName, &P::matchAny>({str("t"), str("eq"), str("num")})), 1);
    EXPECT_EQ((call<&P::prepareMatchName, &P::matchAny>({str("t"), str("sw"), str("zzz")})), -1);
    EXPECT_EQ((call<&P::prepareMatchValue, &P::matchAny>({str("t"), str("re"), str("example\\.com$")})), 1);
    EXPECT_EQ((call<&P::prepareMatchValue, &P::matchAny>({str("t"), str("ne"), str("v")})), 1);
}

TEST_F(Functions, SetWithExpiry) {
    EXPECT_EQ((call<&P::prepareTableArgs, &P::setStringWithExpiry>({str("t"), str("k"), str("from $si"), num(5)})), 1);
    EXPECT_EQ(sht("t=>k"), Read{std::string{"from 10.0.0.1"}});
    EXPECT_EQ((call<&P::prepareTableArgs, &P::setIntegerWithExpiry>({str("t"), str("n"), num(9), num(5)})), 1);
    EXPECT_EQ(sht("t=>n"), Read{int64_t{9}});
    clock += 6;
    EXPECT_EQ(sht("t=>k"), Read{});
    EXPECT_EQ(sht("t=>n"), Read{});
}

TEST_F(Functions, ResetIsNullIncDec) {
    EXPECT_EQ((call<&P::prepareTableArgs, &P::isNull>({str("t"), str("num")})), -1);
    EXPECT_EQ((call<&P::prepareTableArgs, &P::isNull>({str("t"), str("absent")})), 1);
    EXPECT_EQ((call<&P::prepareTableArgs, &P::isNull>({str("c"), str("absent")})), -2);
    msg.variables["var(t)"] = "nosuch";
    EXPECT_EQ((call<&P::prepareTableArgs, &P::isNull>({str("$var(t)"), str("k")})), 2);
    EXPECT_EQ((call<&P::prepareTableArgs, &P::increment>({str("c"), str("n")})), 1);
    EXPECT_EQ(sht("c=>n"), Read{int64_t{6}});
    EXPECT_EQ((call<&P::prepareTableArgs, &P::decrement>({str("c"), str("n")})), 1);
    EXPECT_EQ((call<&P::prepareTableArgs, &P::increment>({str("p"), str("n")})), -1);
    EXPECT_EQ((call<&P::prepareTableArgs, &P::reset>({str("t")})), 1);
    EXPECT_EQ(count("t"), 0u);
}

TEST_F(Functions, LockAndUnlockTheSlotOfAKey) {
    EXPECT_EQ((call<&P::prepareTableKey, &P::lockSlot>({str("t=>$si")})), 1);
    assign("t=>$si", num(1)); // the holder keeps using its slot
    bool other_got_it = true;
    std::thread other{[&] { other_got_it = plugin->tables().find("t")->lockOf("10.0.0.1").try_lock(); }};
    other.join();
    EXPECT_FALSE(other_got_it);
    EXPECT_EQ((call<&P::prepareTableKey, &P::unlockSlot>({str("t=>$si")})), 1);
    EXPECT_EQ((call<&P::prepareTableKey, &P::unlockSlot>({str("t=>$si")})), -1) << "not held";
}

TEST_F(Functions, PrintLogsEveryItem) {
    EXPECT_EQ(sdk::invoke<&P::print>(plugin.get(), nullptr, msg.handle(), run.handle(), nullptr, 0), 1);
    bool found = false;
    for (const auto &line : host.logs()) found |= line.find("url = \"sip:carol@example.com\"") != std::string::npos;
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace htable_test
