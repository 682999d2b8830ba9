#include "sanity_fuzz_target.hpp"

#include <memory>

#include <sipline/sdk.hpp>

#include "check_runner.hpp"
#include "core_message_host.hpp"
#include "header_parse_progress.hpp"
#include "message_fields.hpp"
#include "sanity_instance.hpp"

namespace sanity_test {
namespace {

namespace sdk = sipline::sdk;
using sipline::sanity::SanityPlugin;

constexpr uint32_t kEveryCheck = 131071;
constexpr uint32_t kEveryUri = 15;

// A host and two started instances, made once: the fuzzer calls this millions of times.
struct Harness {
    CoreHost host;
    std::unique_ptr<SanityPlugin> replying;
    std::unique_ptr<SanityPlugin> keeping; // noreply mode: the reply waits for sanity.reply

    Harness() {
        replying = std::make_unique<SanityPlugin>(sdk::Host{host.table()}, R"({"proxy_require": "100rel"})");
        keeping = std::make_unique<SanityPlugin>(sdk::Host{host.table()}, R"({"noreply": true, "size_checks": true})");
        replying->start();
        keeping->start();
    }
};

Harness &harness() {
    static Harness instance;
    return instance;
}

void run(SanityPlugin &plugin, CoreHost &host, std::string_view bytes, bool then_reply,
         std::vector<std::string> &problems) {
    CoreMessage msg{std::string{bytes}};
    if (!msg.delivered()) return;
    host.replies.clear();
    host.violations.clear();
    const sdk::Message view{host.table(), msg.handle()};
    const auto result = plugin.inspect(view, kEveryCheck, kEveryUri);
    if (then_reply && !result.passed) {
        sdk::Call call{view, nullptr, nullptr, 0, nullptr};
        plugin.reply(call);
    }
    for (const std::string &violation : host.violations) problems.push_back(violation);
    if (host.replies.size() > 1) problems.push_back("more than one reply to one message");
    if (result.passed && !host.replies.empty()) problems.push_back("a reply although every check passed");
    if (!result.passed && result.outcome.forbid_replies && !host.replies.empty())
        problems.push_back("a reply although replies were forbidden");
}

// The checks straight on the bytes, whatever the core would make of them: sanity's own parsers
// then see every input, not only the ones the core frames (most mutations do not frame).
void runChecksOnRawBytes(std::string_view bytes, std::vector<std::string> &problems) {
    static const sipline::sanity::SanityConfig config{};
    const sipline::sanity::MessageFields fields{bytes};
    const sipline::sanity::HeaderParseProgress progress{fields};
    const bool is_request = !fields.startLine().method.empty();
    const sipline::sanity::CheckInput input{
        .fields = fields,
        .progress = progress,
        .is_request = is_request,
        .ruri = fields.startLine().uri,
        .body = fields.rawBody(),
        .uri_checks = kEveryUri,
        .config = config,
    };
    const auto result = sipline::sanity::runChecks(input, kEveryCheck);
    if (!result.passed && result.outcome.code != 0 && (result.outcome.code < 400 || result.outcome.code > 599))
        problems.push_back("a failed check chose code " + std::to_string(result.outcome.code));
}

// sanity reuses the daemon's split of the header fields (msg_header_fields) instead of its
// own: both must give the same fields, start line, header block and body for every message
// the core delivers.
void compareSplits(std::string_view bytes, std::vector<std::string> &problems) {
    using sipline::sanity::MessageFields;
    CoreMessage msg{std::string{bytes}};
    if (!msg.delivered()) return;
    const std::string_view raw = msg.parsed().bytes();
    auto str = [](std::string_view s) { return sipline_str_t{s.data(), s.size()}; };
    std::vector<sipline_header_field_t> split;
    for (const auto &header : msg.parsed().headers())
        split.push_back({str(header.name), str(header.value), str(header.field)});
    const MessageFields own{raw}, daemons{raw, split};
    auto differs = [&](const char *what) { problems.push_back(std::string{"the daemon's split differs: "} + what); };
    const auto &a = own.startLine(), &b = daemons.startLine();
    if (a.text != b.text || a.method != b.method || a.uri != b.uri || a.version != b.version) differs("start line");
    if (own.headerBlock() != daemons.headerBlock()) differs("header block");
    if (own.rawBody() != daemons.rawBody() || own.hasBodySeparator() != daemons.hasBodySeparator()) differs("body");
    if (own.fields().size() != daemons.fields().size()) return differs("field count");
    for (size_t i = 0; i < own.fields().size(); ++i) {
        const auto &x = own.fields()[i], &y = daemons.fields()[i];
        if (x.name != y.name || x.value != y.value || x.whole != y.whole || x.kind != y.kind ||
            x.well_formed != y.well_formed)
            differs(("field " + std::to_string(i) + " (" + std::string{x.name} + ")").c_str());
    }
}

}  // namespace

std::vector<std::string> exerciseSanity(std::string_view bytes) {
    Harness &h = harness();
    std::vector<std::string> problems;
    run(*h.replying, h.host, bytes, false, problems);
    run(*h.keeping, h.host, bytes, true, problems);
    runChecksOnRawBytes(bytes, problems);
    compareSplits(bytes, problems);
    return problems;
}

}  // namespace sanity_test
