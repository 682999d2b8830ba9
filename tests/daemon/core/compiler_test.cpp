// The pipeline compiler refuses every mistake with file:line and a reason it can be fixed by.
#include <gtest/gtest.h>

#include "registry_fixture.hpp"

namespace sipline::test {
namespace {

const std::string kPlugins = "[plugins.maxfwd]\n[plugins.sl]\n"; // lines 3 and 4

std::string compileError(const std::string &routes) { return refusal(withCore(kPlugins + routes)); }

TEST(Compiler, AcceptsTheDocumentedForms) {
    EXPECT_EQ(compileError(R"toml(
[[route.request]]
call = "maxfwd.process"
args = [10]
on = { "-1" = { reply = [483, "Too Many Hops"] }, "-2" = [{ log = "bad Max-Forwards from $si" }, "drop"] }
on_true = "continue"

[[route.request]]
if = '$rm == "OPTIONS"'
then = { reply = [200, "OK"] }
else = [{ set = { "$du" = "sip:127.0.0.1:5090", "$var(n)" = 3 } }, "route:relay"]

[[route.relay]]
call = "sl.send_reply"
args = [302, "Moved $rU"]
then = { return = 2 }

[[route.reply]]
log = "reply $rs $rr"
level = "debug"
)toml"),
              "");
}

TEST(Compiler, RefusesUnknownFunctions) {
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"maxfwd.proces\"\n"),
              "test.toml:6: unknown function 'maxfwd.proces': plugin 'maxfwd' has no such function");
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"sanity.check\"\n"),
              "test.toml:6: unknown function 'sanity.check': plugin 'sanity' is not loaded (add a [plugins.sanity] section)");
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"process\"\n"),
              "test.toml:6: unknown function 'process': write it as plugin.function, e.g. maxfwd.process");
}

TEST(Compiler, ChecksArgumentCountTypeAndRange) {
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"maxfwd.process\"\n"),
              "test.toml:6: maxfwd.process takes 1 argument(s), got 0");
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"maxfwd.process\"\nargs = [\"ten\"]\n"),
              "test.toml:6: maxfwd.process argument 1 (max_value) must be an integer or a string with $variables");
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"maxfwd.process\"\nargs = [300]\n"),
              "test.toml:6: maxfwd.process argument 1 (max_value) must be in 0..255, got 300");
    EXPECT_EQ(compileError("[[route.request]]\nreply = [99, \"Low\"]\n"),
              "test.toml:6: sl.send_reply argument 1 (code) must be in 100..699, got 99");
}

TEST(Compiler, KamailioAliasesResolve) {
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"maxfwd.mf_process_maxfwd_header\"\nargs = [10]\n"), "");
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"sl.sl_send_reply\"\nargs = [404, \"Not Found\"]\n"), "");
}

TEST(Compiler, ChecksRouteKinds) {
    EXPECT_EQ(compileError("[[route.request]]\ndo = \"drop\"\n[[route.reply]]\ncall = \"maxfwd.process\"\nargs = [1]\n"),
              "test.toml:8: maxfwd.process cannot be used in reply routes (route.reply)");
    EXPECT_EQ(compileError("[[route.request]]\ndo = \"drop\"\n[[route.reply]]\nroute = \"check\"\n"
                           "[[route.check]]\ncall = \"maxfwd.process\"\nargs = [1]\n"),
              "test.toml:10: maxfwd.process cannot be used in reply routes (route.check)");
}

TEST(Compiler, RefusesMalformedSteps) {
    EXPECT_EQ(compileError("[[route.request]]\nif = '$rm =~ \"(\"'\nthen = \"drop\"\n").rfind("test.toml:6: condition", 0), 0u);
    EXPECT_EQ(compileError("[[route.request]]\nif = '$nope == 1'\nthen = \"drop\"\n"),
              "test.toml:6: condition \"$nope == 1\": unknown variable $nope at column 1");
    EXPECT_EQ(compileError("[[route.request]]\nroute = \"missing\"\n"),
              "test.toml:6: route:missing does not exist (no [[route.missing]])");
    EXPECT_EQ(compileError("[[route.request]]\ndo = \"forwrd\"\n"),
              "test.toml:6: unknown action \"forwrd\" (expected forward, relay, drop, exit, return, continue, route:NAME, on_failure:NAME or on_reply:NAME)");
    EXPECT_EQ(compileError("[[route.request]]\ndo = \"drop\"\nlog = \"x\"\n"),
              "test.toml:6: a step has one of call/if/do/reply/log/route/set/return; this one has both 'do' and 'log'");
    EXPECT_EQ(compileError("[[route.request]]\ncall = \"maxfwd.process\"\nargs = [1]\nonfalse = \"drop\"\n"),
              "test.toml:8: unknown key 'onfalse' in a 'call' step");
    EXPECT_EQ(compileError("[[route.request]]\nset = { \"$rm\" = \"BYE\" }\n"), "test.toml:6: set: $rm cannot be assigned");
    EXPECT_EQ(compileError("[[route.request]]\nreply = [404]\n"),
              "test.toml:6: reply must be [code, \"reason\"], e.g. reply = [404, \"Not Found\"]");
    EXPECT_EQ(compileError("[[route.reply]]\ndo = \"drop\"\n"),
              "test.toml: no [[route.request]] steps: the daemon would drop every request");
}

TEST(Compiler, ReplyNeedsTheSlPlugin) {
    EXPECT_EQ(refusal(withCore("[plugins.maxfwd]\n[[route.request]]\nreply = [200, \"OK\"]\n")),
              "test.toml:5: reply needs the sl plugin, which sends stateless replies: add a [plugins.sl] section");
}

TEST(Compiler, ReportsEveryErrorAtOnce) {
    const std::string errors = compileError("[[route.request]]\ncall = \"x.y\"\n[[route.request]]\ndo = \"nope\"\n");
    EXPECT_NE(errors.find("test.toml:6:"), std::string::npos) << errors;
    EXPECT_NE(errors.find("test.toml:8:"), std::string::npos) << errors;
}

}  // namespace
}  // namespace sipline::test

namespace sipline::test {
namespace {

TEST(Compiler, FailureRoutesAreCheckedAsFailureRoutes) {
    EXPECT_EQ(compileError("[[route.request]]\ndo = \"on_failure:next\"\n[[route.request]]\ndo = \"relay\"\n"
                           "[[route.next]]\nif = '$T_reply_code == 503'\nthen = \"relay\"\n"),
              "");
    EXPECT_EQ(compileError("[[route.request]]\ndo = \"on_failure:nowhere\"\n"),
              "test.toml:6: on_failure:nowhere names no route (no [[route.nowhere]])");
    EXPECT_EQ(compileError("[[route.request]]\ndo = \"on_failure:next\"\n[[route.next]]\ncall = \"maxfwd.process\"\nargs = [1]\n"),
              "test.toml:8: maxfwd.process cannot be used in failure routes (route.next)");
}

TEST(Compiler, TransactionTimersAreAssignable) {
    EXPECT_EQ(compileError("[[route.request]]\nset = { \"$T_fr_timer\" = 2000, \"$T_fr_inv_timer\" = 60000 }\n"
                           "[[route.request]]\ndo = \"relay\"\n"),
              "");
}

}  // namespace
}  // namespace sipline::test
