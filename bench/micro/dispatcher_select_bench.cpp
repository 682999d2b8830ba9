// dispatcher's selection, every algorithm of ds_select_dst, over one set of 4 destinations
// (weights 40/30/20/10 for the weighted ones). Hash algorithms hash a Call-ID that changes per
// request. The selection returns the pick and the failover order (limit 0: all of them).
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "list_file.hpp"
#include "selection.hpp"
#include "snapshot_builder.hpp"

namespace {

using namespace sipline::dispatcher;

std::shared_ptr<Snapshot> fourDestinations() {
    const std::string list = "1 sip:10.0.0.1:5060 0 0 weight=40;rweight=40\n"
                             "1 sip:10.0.0.2:5060 0 0 weight=30;rweight=30\n"
                             "1 sip:10.0.0.3:5060 0 0 weight=20;rweight=20\n"
                             "1 sip:10.0.0.4:5060 0 0 weight=10;rweight=10\n";
    const auto parsed = parseListText(list, "bench.list");
    // IP literals only: the resolver is never asked for a name.
    auto built = buildSnapshot(parsed.rows, {}, [](const std::string &) { return std::vector<std::string>{}; });
    return built.snapshot;
}

void BM_DispatcherSelect(benchmark::State &state) {
    const auto snapshot = fourDestinations();
    if (!snapshot) {
        state.SkipWithError("the list did not load");
        return;
    }
    DestinationSet &set = *snapshot->find(1);
    SelectRequest request;
    request.alg = int(state.range(0));
    request.load_of = [](const Destination &) { return 0; };
    std::vector<std::optional<HashKey>> keys;
    for (int i = 0; i < 1024; ++i) keys.push_back(HashKey{"call-" + std::to_string(i * 7919) + "@198.51.100.7", {}});
    size_t i = 0, picked = 0;
    for (auto _ : state) {
        request.key = keys[i++ & 1023];
        const Selection selection = selectDestinations(set, request);
        picked += selection.rc > 0;
        benchmark::DoNotOptimize(selection.order.data());
    }
    if (picked != size_t(state.iterations())) state.SkipWithError("a selection picked nothing");
}

// Kamailio's numbers: 0 Call-ID, 1 From, 2 To, 3 R-URI hash, 4 round robin, 5 auth user hash,
// 6 random, 7 variable hash, 8 serial, 9 weight, 10 call load, 11 relative weight, 12 parallel,
// 13 latency, 14 round robin or serial, 15 priority weight, 64 overload control.
BENCHMARK(BM_DispatcherSelect)
    ->ArgName("alg")
    ->DenseRange(0, 15)
    ->Arg(64);

}  // namespace

BENCHMARK_MAIN();
