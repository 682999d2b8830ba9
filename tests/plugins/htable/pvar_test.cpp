// $sht, $shtex, $shtcn, $shtcv, $shtinc and $shtdec on an instance, keys with variables.
#include "instance_fixture.hpp"

namespace htable_test {
namespace {

class Pvars : public InstanceTest {
protected:
    void SetUp() override {
        make(R"({"tables": [
            {"name": "ipban", "size": 8, "autoexpire": 300},
            {"name": "counters", "initval": 0},
            {"name": "plain"},
            {"name": "fixed", "autoexpire": 10, "updateexpire": 0}]})");
        msg.variables["si"] = "10.0.0.1";
    }
};

TEST_F(Pvars, ReadAssignAndDeleteWithAVariableInTheKey) {
    EXPECT_EQ(sht("ipban=>$si"), Read{});
    assign("ipban=>$si", num(1));
    EXPECT_EQ(sht("ipban=>10.0.0.1"), Read{int64_t{1}});
    EXPECT_EQ(sht("ipban=>$si"), Read{int64_t{1}});
    assign("ipban=>ip:$si", str("banned"));
    EXPECT_EQ(sht("ipban=>ip:10.0.0.1"), Read{std::string{"banned"}});
    assign("ipban=>$si", null());
    EXPECT_EQ(sht("ipban=>$si"), Read{}) << "assigning $null deletes";
    msg.variables["si"] = "10.0.0.2";
    EXPECT_EQ(sht("ipban=>ip:$si"), Read{}) << "evaluated per message";
}

TEST_F(Pvars, ALoneDollarIsLiteralAndDoubleDollarEscapes) {
    assign("plain=>a$", num(1));
    EXPECT_EQ(sht("plain=>a$$"), Read{int64_t{1}});
    EXPECT_EQ(plugin->tables().find("plain")->countAll(), 1u);
}

TEST_F(Pvars, InitvalIsReadForMissingKeys) {
    EXPECT_EQ(sht("counters=>nobody"), Read{int64_t{0}});
    EXPECT_EQ(sht("plain=>nobody"), Read{});
}

TEST_F(Pvars, IncrementAndDecrement) {
    EXPECT_EQ(read(PvarKind::ShtInc, "counters=>$si"), Read{int64_t{1}});
    EXPECT_EQ(read(PvarKind::ShtInc, "counters=>$si"), Read{int64_t{2}});
    EXPECT_EQ(read(PvarKind::ShtDec, "counters=>$si"), Read{int64_t{1}});
    EXPECT_EQ(read(PvarKind::ShtInc, "plain=>n"), Read{}) << "no initval: $null, nothing created";
    assign("plain=>n", num(41));
    EXPECT_EQ(read(PvarKind::ShtInc, "plain=>n"), Read{int64_t{42}});
    assign("plain=>s", str("text"));
    EXPECT_EQ(read(PvarKind::ShtInc, "plain=>s"), Read{});
}

TEST_F(Pvars, ExpiryReadAndSet) {
    assign("ipban=>$si", num(1));
    EXPECT_EQ(read(PvarKind::ShtEx, "ipban=>$si"), Read{int64_t{300}});
    assign("ipban=>$si", num(30), PvarKind::ShtEx);
    clock += 10;
    EXPECT_EQ(read(PvarKind::ShtEx, "ipban=>$si"), Read{int64_t{20}});
    clock += 21;
    EXPECT_EQ(sht("ipban=>$si"), Read{}) << "expired items vanish at once";
    EXPECT_EQ(read(PvarKind::ShtEx, "ipban=>$si"), Read{int64_t{0}});
    assign("plain=>k", num(1));
    assign("plain=>k", num(5), PvarKind::ShtEx);
    EXPECT_EQ(read(PvarKind::ShtEx, "plain=>k"), Read{int64_t{0}}) << "ignored without autoexpire";
    assign("ipban=>forever", num(1));
    assign("ipban=>forever", num(0), PvarKind::ShtEx);
    EXPECT_EQ(read(PvarKind::ShtEx, "ipban=>forever"), Read{int64_t{-1}});
}

TEST_F(Pvars, UpdateExpireZeroKeepsTheFirstLifetime) {
    assign("fixed=>k", num(1));
    clock += 8;
    assign("fixed=>k", num(2));
    clock += 3;
    EXPECT_EQ(sht("fixed=>k"), Read{});
}

TEST_F(Pvars, CountsByNameAndValue) {
    assign("plain=>user:alice", str("sip:alice@a.example"));
    assign("plain=>user:bob", str("sip:bob@b.example"));
    assign("plain=>gw:1", num(7));
    assign("plain=>gw:2", num(7));
    EXPECT_EQ(read(PvarKind::ShtCn, "plain=>~~^user:"), Read{int64_t{2}});
    EXPECT_EQ(read(PvarKind::ShtCn, "plain=>%~gw:"), Read{int64_t{2}});
    EXPECT_EQ(read(PvarKind::ShtCn, "plain=>~%:1"), Read{int64_t{1}});
    EXPECT_EQ(read(PvarKind::ShtCn, "plain=>==user:bob"), Read{int64_t{1}});
    EXPECT_EQ(read(PvarKind::ShtCn, "plain=>**"), Read{int64_t{4}});
    EXPECT_EQ(read(PvarKind::ShtCv, "plain=>eq7"), Read{int64_t{2}});
    EXPECT_EQ(read(PvarKind::ShtCv, "plain=>~%b.example"), Read{int64_t{1}});
    msg.variables["var(prefix)"] = "user:";
    EXPECT_EQ(read(PvarKind::ShtCn, "plain=>%~$var(prefix)"), Read{int64_t{2}}) << "expressions may hold variables";
}

TEST_F(Pvars, CountsSkipExpiredItemsExceptStarStar) {
    assign("ipban=>a", num(1));
    clock += 301;
    assign("ipban=>b", num(1));
    EXPECT_EQ(read(PvarKind::ShtCn, "ipban=>.*"), Read{int64_t{1}});
    EXPECT_EQ(read(PvarKind::ShtCn, "ipban=>**"), Read{int64_t{2}}) << "raw slot sizes, as Kamailio counts them";
}

TEST_F(Pvars, RefusesUnknownTablesAndBadArguments) {
    const auto refused = [&](PvarKind kind, const std::string &argument) -> std::string {
        try {
            prepare(kind, argument);
        } catch (const sdk::ConfigError &e) {
            return e.what();
        }
        return "accepted";
    };
    EXPECT_EQ(refused(PvarKind::Sht, "nosuch=>k"), "no table \"nosuch\" (defined: ipban, counters, plain, fixed)");
    EXPECT_NE(refused(PvarKind::Sht, "ipban").find("must be written table=>key"), std::string::npos);
    EXPECT_NE(refused(PvarKind::Sht, "ipban=>").find("has no key"), std::string::npos);
    EXPECT_NE(refused(PvarKind::Sht, "ipban=>$unknown_var").find("unknown variable"), std::string::npos);
    EXPECT_NE(refused(PvarKind::ShtCn, "ipban=>~~(").find("bad regular expression"), std::string::npos);
}

TEST_F(Pvars, TemplatesAreReleasedWithTheirState) {
    {
        auto state = prepare(PvarKind::Sht, "ipban=>$si");
        EXPECT_EQ(host.liveTemplates(), 1);
    }
    EXPECT_EQ(host.liveTemplates(), 0);
}

}  // namespace
}  // namespace htable_test
