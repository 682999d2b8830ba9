// libFuzzer entry: arbitrary bytes through the core's parser and sanity (every check, both
// reply modes) and through the checks alone. Any crash, sanitizer report or protocol
// violation is a finding. Run it with scripts/fuzz-sanity.sh.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "sanity_fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const auto problems = sanity_test::exerciseSanity({reinterpret_cast<const char *>(data), size});
    if (!problems.empty()) {
        std::fprintf(stderr, "sanity broke the protocol: %s\n", problems.front().c_str());
        std::abort();
    }
    return 0;
}
