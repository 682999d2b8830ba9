// htable's operations in the options pipeline, on a table shaped like its ipban/ipcount tables
// (2^8 slots) holding range(0) source addresses: a lookup that misses (ipban: nobody banned),
// a lookup that hits, and an increment ($shtinc) of an existing counter.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "hash_table.hpp"

namespace {

using namespace sipline::htable;

constexpr Seconds kNow = 1'700'000'000;

std::vector<std::string> sourceAddresses(int64_t count) {
    std::vector<std::string> keys;
    for (int64_t n = 0; n < count; ++n)
        keys.push_back("10." + std::to_string((n >> 16) & 0xff) + "." + std::to_string((n >> 8) & 0xff) + "." +
                       std::to_string(n & 0xff));
    return keys;
}

std::unique_ptr<HashTable> tableOf(const std::vector<std::string> &keys) {
    TableSpec spec;
    spec.name = "ipcount";
    spec.size = 8;
    spec.slots = slotsForSize(spec.size);
    auto table = std::make_unique<HashTable>(spec);
    for (const auto &key : keys) table->set(key, CellValue{int64_t{1}}, kNow);
    return table;
}

void BM_HtableGetMiss(benchmark::State &state) {
    const auto keys = sourceAddresses(state.range(0));
    const auto table = tableOf(keys);
    const auto absent = sourceAddresses(state.range(0) + 256);
    size_t i = 0, found = 0;
    for (auto _ : state) {
        found += table->get(absent[keys.size() + (i++ & 0xff)], kNow).has_value();
    }
    if (found != 0) state.SkipWithError("an absent key was found");
}
BENCHMARK(BM_HtableGetMiss)->Arg(16)->Arg(1000)->Arg(100000);

void BM_HtableGetHit(benchmark::State &state) {
    const auto keys = sourceAddresses(state.range(0));
    const auto table = tableOf(keys);
    size_t i = 0, found = 0;
    for (auto _ : state) found += table->get(keys[i++ % keys.size()], kNow).has_value();
    if (found != size_t(state.iterations())) state.SkipWithError("a present key was missed");
}
BENCHMARK(BM_HtableGetHit)->Arg(16)->Arg(1000)->Arg(100000);

void BM_HtableIncrement(benchmark::State &state) {
    const auto keys = sourceAddresses(state.range(0));
    auto table = tableOf(keys);
    size_t i = 0;
    for (auto _ : state) {
        const auto value = table->add(keys[i++ % keys.size()], 1, kNow);
        if (!value) {
            state.SkipWithError("the counter was not incremented");
            break;
        }
        benchmark::DoNotOptimize(*value);
    }
}
BENCHMARK(BM_HtableIncrement)->Arg(16)->Arg(1000)->Arg(100000);

}  // namespace

BENCHMARK_MAIN();
