// The parser on a typical INVITE: the header split alone (what every message pays), and with
// the structured views a proxy reads (R-URI, top Via, From/To, CSeq, Call-ID, Content-Length).
#include <benchmark/benchmark.h>

#include "sip/message.hpp"
#include "typical_invite.hpp"

namespace {

void BM_ParseInvite(benchmark::State &state) {
    const std::string text = sipline::bench::typicalInvite();
    for (auto _ : state) {
        sipline::sip::Message message;
        const auto result = message.parse(text);
        if (!result.ok) {
            state.SkipWithError("the INVITE did not parse");
            break;
        }
        benchmark::DoNotOptimize(message.headers().size());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}
BENCHMARK(BM_ParseInvite);

void BM_ParseInviteAndReadWhatAProxyReads(benchmark::State &state) {
    const std::string text = sipline::bench::typicalInvite();
    for (auto _ : state) {
        sipline::sip::Message message;
        if (!message.parse(text).ok || !message.requestUri() || !message.topVia() || !message.from() ||
            !message.to() || !message.cseq() || message.callId().empty() || !message.contentLength()) {
            state.SkipWithError("a header of the INVITE did not parse");
            break;
        }
        benchmark::DoNotOptimize(message);
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(text.size()));
}
BENCHMARK(BM_ParseInviteAndReadWhatAProxyReads);

}  // namespace

BENCHMARK_MAIN();
