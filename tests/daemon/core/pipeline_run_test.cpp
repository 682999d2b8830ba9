// Compiled pipelines run on real messages with the real maxfwd and sl plugins; the core's
// side (forward, send a reply) is recorded instead of sent.
#include <gtest/gtest.h>

#include "message_fixture.hpp"
#include "registry_fixture.hpp"

namespace sipline::test {
namespace {

struct PipelineOutcome {
    RecordingCore core;
    std::unique_ptr<Loaded> loaded;
    std::unique_ptr<ParsedMessage> message;
};

std::unique_ptr<PipelineOutcome> runRequest(const std::string &routes, const std::string &text = invite()) {
    auto r = std::make_unique<PipelineOutcome>();
    r->loaded = load(withCore("[plugins.maxfwd]\nmax_limit = 20\n[plugins.sl]\n" + routes));
    r->message = std::make_unique<ParsedMessage>(text, &r->core);
    r->loaded->program->run(*r->loaded->program->request(), r->message->ctx());
    return r;
}

TEST(PipelineRun, ReplyEndsTheRoute) {
    auto r = runRequest("[[route.request]]\nreply = [404, \"Not Here\"]\n[[route.request]]\ndo = \"forward\"\n");
    ASSERT_EQ(r->core.replies.size(), 1u);
    EXPECT_EQ(r->core.replies[0].rfind("SIP/2.0 404 Not Here\r\n", 0), 0u) << r->core.replies[0];
    EXPECT_TRUE(r->core.forwarded.empty());
}

TEST(PipelineRun, SpecificReturnCodesPickTheirOutcome) {
    const std::string routes = R"toml(
[[route.request]]
call = "maxfwd.process"
args = [10]
on = { "-1" = { reply = [483, "Too Many Hops"] }, "1" = { set = { "$var(mf)" = "decremented" } } }
on_true = { set = { "$var(mf)" = "true" } }

[[route.request]]
if = '$var(mf) == "decremented" && $retcode == 1'
then = "forward"
)toml";
    auto decremented = runRequest(routes);
    EXPECT_EQ(decremented->core.forwarded, std::vector<std::string>{"sip:bob@example.com"});

    std::string zero = invite();
    zero.replace(zero.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
    auto hops = runRequest(routes, zero);
    ASSERT_EQ(hops->core.replies.size(), 1u);
    EXPECT_EQ(hops->core.replies[0].rfind("SIP/2.0 483 Too Many Hops", 0), 0u);
    EXPECT_TRUE(hops->core.forwarded.empty());
}

TEST(PipelineRun, SubRoutesReturnValuesAsRetcode) {
    auto r = runRequest(R"toml(
[[route.request]]
route = "classify"

[[route.request]]
if = '$retcode == 7'
then = { set = { "$du" = "sip:seven@127.0.0.1:5999" } }

[[route.request]]
do = "forward"

[[route.classify]]
if = '$rU == "bob"'
then = { return = 7 }

[[route.classify]]
return = -1
)toml");
    EXPECT_EQ(r->core.forwarded, std::vector<std::string>{"sip:seven@127.0.0.1:5999"});
}

TEST(PipelineRun, ExitAndDropStopEverything) {
    auto r = runRequest("[[route.request]]\nroute = \"stop\"\n[[route.request]]\ndo = \"forward\"\n"
                        "[[route.stop]]\ndo = \"exit\"\n");
    EXPECT_TRUE(r->core.forwarded.empty());
    auto d = runRequest("[[route.request]]\ndo = \"drop\"\n[[route.request]]\ndo = \"forward\"\n");
    EXPECT_TRUE(d->core.forwarded.empty());
    EXPECT_TRUE(d->message->ctx().dropped);
}

TEST(PipelineRun, AssignmentsRewriteTheRequestUri) {
    auto r = runRequest(R"toml(
[[route.request]]
set = { "$rU" = "carol", "$rd" = "10.0.0.9:5080" }

[[route.request]]
log = "R-URI is now $ru"
then = "forward"
)toml");
    EXPECT_EQ(r->core.forwarded, std::vector<std::string>{"sip:carol@10.0.0.9:5080"});
}

TEST(PipelineRun, ForwardFailureIsVisibleInRetcode) {
    auto r = std::make_unique<PipelineOutcome>();
    r->core.forward_succeeds = false;
    r->loaded = load(withCore("[plugins.sl]\n[[route.request]]\ndo = \"forward\"\n"
                              "[[route.request]]\nif = '$retcode < 0'\nthen = { reply = [500, \"Forward Failed\"] }\n"));
    r->message = std::make_unique<ParsedMessage>(invite(), &r->core);
    r->loaded->program->run(*r->loaded->program->request(), r->message->ctx());
    ASSERT_EQ(r->core.replies.size(), 1u);
    EXPECT_EQ(r->core.replies[0].rfind("SIP/2.0 500 Forward Failed", 0), 0u);
}

TEST(PipelineRun, DynamicArgumentsAreEvaluatedPerMessage) {
    auto r = runRequest("[[route.request]]\nreply = [404, \"No $rU here\"]\n");
    ASSERT_EQ(r->core.replies.size(), 1u);
    EXPECT_EQ(r->core.replies[0].rfind("SIP/2.0 404 No bob here\r\n", 0), 0u) << r->core.replies[0];
}

TEST(PipelineRun, AssignmentsRunInTheOrderWritten) {
    // toml++ sorts keys; "$var(z)" must still be set before "$var(a)" reads it.
    auto r = runRequest("[[route.request]]\nset = { \"$var(z)\" = \"first\", \"$var(a)\" = \"$var(z)-then\" }\n"
                        "[[route.request]]\nreply = [404, \"$var(a)\"]\n");
    ASSERT_EQ(r->core.replies.size(), 1u);
    EXPECT_EQ(r->core.replies[0].rfind("SIP/2.0 404 first-then\r\n", 0), 0u) << r->core.replies[0];
}

TEST(PipelineRun, ADollarWithoutANameIsText) {
    auto r = runRequest("[[route.request]]\nif = '$rU =~ \"^bob$\"'\nthen = { reply = [402, \"Costs 5 $ or 6$\"] }\n");
    ASSERT_EQ(r->core.replies.size(), 1u);
    EXPECT_EQ(r->core.replies[0].rfind("SIP/2.0 402 Costs 5 $ or 6$\r\n", 0), 0u) << r->core.replies[0];
}

TEST(PipelineRun, UnboundedRecursionIsStopped) {
    auto r = runRequest("[[route.request]]\nroute = \"loop\"\n[[route.loop]]\nroute = \"loop\"\n");
    EXPECT_TRUE(r->message->ctx().dropped);
}

}  // namespace
}  // namespace sipline::test
