// Every input the fuzzer found a problem with (tests/fixtures/sip/sanity/fuzz/), and the whole
// fixture corpus it starts from, run through parser + sanity with the fuzzer's invariants.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "sanity_fuzz_target.hpp"

namespace {

std::string readAll(const std::filesystem::path &path) {
    std::ifstream file{path, std::ios::binary};
    return {std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

void replayDirectory(const std::string &relative, size_t &count) {
    const std::filesystem::path dir = std::filesystem::path{SANITY_FIXTURE_DIR} / relative;
    if (!std::filesystem::exists(dir)) return;
    for (const auto &entry : std::filesystem::recursive_directory_iterator{dir}) {
        if (!entry.is_regular_file() || entry.path().filename().string().starts_with('.')) continue;
        if (entry.path().extension() == ".md") continue;
        ++count;
        const auto problems = sanity_test::exerciseSanity(readAll(entry.path()));
        EXPECT_TRUE(problems.empty()) << entry.path() << ": " << problems.front();
    }
}

TEST(FuzzRegression, FoundInputsAndSeedsKeepTheInvariants) {
    size_t count = 0;
    replayDirectory("sip", count);
    EXPECT_GE(count, 50u);
}

TEST(FuzzRegression, TruncationsOfEverySeedKeepTheInvariants) {
    const std::filesystem::path dir = std::filesystem::path{SANITY_FIXTURE_DIR} / "sip/rfc4475";
    for (const auto &entry : std::filesystem::directory_iterator{dir}) {
        if (entry.path().extension() != ".sip") continue;
        const std::string bytes = readAll(entry.path());
        for (size_t cut = 0; cut < bytes.size(); cut += 7) {
            const auto problems = sanity_test::exerciseSanity(std::string_view{bytes}.substr(0, cut));
            ASSERT_TRUE(problems.empty()) << entry.path() << " cut at " << cut << ": " << problems.front();
        }
    }
}

}  // namespace
