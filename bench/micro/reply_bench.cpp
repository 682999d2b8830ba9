// Building a stateless reply (sl): the 200 OK to an OPTIONS and the 180 Ringing to the
// typical INVITE (two Vias, a Record-Route copied, a To tag added), from the copied fields.
#include <benchmark/benchmark.h>

#include "reply_builder.hpp"

namespace {

using sipline::sl::ReplyContent;
using sipline::sl::ReplyRequest;

constexpr std::string_view kToTag = "0123456789abcdef0123456789abcdef.89abcdef";

void run(benchmark::State &state, const ReplyRequest &request, const ReplyContent &content) {
    size_t bytes = 0;
    for (auto _ : state) {
        const auto reply = sipline::sl::buildReply(request, content);
        if (!reply) {
            state.SkipWithError("no reply was built");
            break;
        }
        bytes += reply->size();
        benchmark::DoNotOptimize(reply);
    }
    state.SetBytesProcessed(int64_t(bytes));
}

void BM_Reply200ToOptions(benchmark::State &state) {
    const ReplyRequest request{
        .vias = {"SIP/2.0/UDP 192.0.2.10:5090;branch=z9hG4bK-1-0"},
        .record_routes = {},
        .from = "<sip:bench@192.0.2.10:5090>;tag=1SIPpTag001",
        .to = "<sip:ping@127.0.0.1:5060>",
        .call_id = "1-4242@192.0.2.10",
        .cseq = "1 OPTIONS",
    };
    run(state, request, {.code = 200, .reason = "OK", .to_tag = kToTag, .contacts = {}, .extra_headers = {}, .server = {}});
}
BENCHMARK(BM_Reply200ToOptions);

void BM_Reply180ToInvite(benchmark::State &state) {
    const ReplyRequest request{
        .vias = {"SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport",
                 "SIP/2.0/UDP 198.51.100.4:5060;branch=z9hG4bK-524287-1---a8d2;received=198.51.100.4"},
        .record_routes = {"<sip:198.51.100.4;lr;ftag=1928301774>"},
        .from = "\"Alice\" <sip:alice@example.org>;tag=1928301774",
        .to = "<sip:bob@example.com>",
        .call_id = "a84b4c76e66710@pc33.example.org",
        .cseq = "314159 INVITE",
    };
    run(state, request,
        {.code = 180, .reason = "Ringing", .to_tag = kToTag, .contacts = {}, .extra_headers = {}, .server = "sipline"});
}
BENCHMARK(BM_Reply180ToInvite);

}  // namespace

BENCHMARK_MAIN();
