// One fuzz input through the core's parser and then sanity with every check, in both reply
// modes, through the checks alone on the raw bytes, and the daemon's split of the header
// fields against sanity's own; returns what went wrong (empty when nothing did). Shared by
// the libFuzzer target and the regression test that replays the inputs the fuzzer once found.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sanity_test {

std::vector<std::string> exerciseSanity(std::string_view bytes);

}  // namespace sanity_test
