// htable micro-benchmark: memory per entry with 1M entries, and $sht lookups per second per
// thread (hits on random keys, every thread on the same table, as workers share it).
//   cmake -S . -B build -DSIPLINE_BUILD_BENCH=ON && cmake --build build --target htable_bench
//   build/bench/htable/htable_bench [entries] [seconds]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "hash_table.hpp"

using namespace sipline::htable;

namespace {

// Resident memory of this process, from /proc (what the kernel really gave us).
long residentBytes() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096;
}

// Keys shaped like the ipban table's: dotted IPv4 source addresses.
std::string keyFor(uint32_t n) {
    return "10." + std::to_string((n >> 16) & 0xff) + "." + std::to_string((n >> 8) & 0xff) + "." +
           std::to_string(n & 0xff);
}

// Lookups of random existing keys for `seconds`, on one thread: lookups done.
uint64_t lookupLoop(const HashTable &table, uint32_t entries, double seconds, unsigned seed) {
    std::vector<std::string> keys;
    std::mt19937 random(seed);
    for (int i = 0; i < 4096; ++i) keys.push_back(keyFor(random() % entries));
    uint64_t done = 0, found = 0;
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
        for (int i = 0; i < 1024; ++i, ++done) found += table.get(keys[done % keys.size()], 1).has_value();
    }
    if (found != done) std::fprintf(stderr, "missing keys: %llu of %llu\n",
                                    (unsigned long long)(done - found), (unsigned long long)done);
    return done;
}

void runThreads(const HashTable &table, uint32_t entries, double seconds, unsigned threads) {
    std::vector<std::thread> workers;
    std::vector<uint64_t> counts(threads);
    for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back([&, t] { counts[t] = lookupLoop(table, entries, seconds, 7 + t); });
    uint64_t total = 0;
    for (unsigned t = 0; t < threads; ++t) workers[t].join(), total += counts[t];
    std::printf("lookups, %u thread(s): %.2f M/s in all, %.2f M/s per thread\n", threads,
                total / seconds / 1e6, total / seconds / 1e6 / threads);
}

}  // namespace

int main(int argc, char **argv) {
    const uint32_t entries = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
    const double seconds = argc > 2 ? std::strtod(argv[2], nullptr) : 3.0;

    TableSpec spec;
    spec.name = "bench";
    spec.size = kMaxSizeExponent; // 2^20 slots: about one entry per slot at 1M
    spec.slots = slotsForSize(spec.size);
    spec.autoexpire = 300;

    const long before = residentBytes();
    HashTable table(spec);
    const long emptyTable = residentBytes();
    for (uint32_t n = 0; n < entries; ++n) table.set(keyFor(n), CellValue{int64_t{1}}, 1);
    const long filled = residentBytes();
    std::printf("entries: %u in %u slots\n", entries, spec.slots);
    std::printf("memory: %.1f MiB in all, slots %.1f MiB, %.0f bytes per entry (slots included: %.0f)\n",
                (filled - before) / 1048576.0, (emptyTable - before) / 1048576.0,
                double(filled - emptyTable) / entries, double(filled - before) / entries);

    runThreads(table, entries, seconds, 1);
    runThreads(table, entries, seconds, std::max(2u, std::thread::hardware_concurrency()));
    return 0;
}
