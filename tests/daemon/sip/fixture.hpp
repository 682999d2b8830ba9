// Reads test fixtures byte-exact from tests/fixtures (SIPLINE_FIXTURE_DIR).
#pragma once

#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sipline::sip::test {

inline std::string readFixture(std::string_view relative_path) {
    const std::string path = std::string{SIPLINE_FIXTURE_DIR} + "/" + std::string{relative_path};
    std::ifstream file{path, std::ios::binary};
    if (!file) throw std::runtime_error("cannot open fixture " + path);
    return std::string{std::istreambuf_iterator<char>{file}, std::istreambuf_iterator<char>{}};
}

// True when `part` is a view into `whole` (or empty): the parser must never copy.
inline bool viewsInto(std::string_view part, std::string_view whole) {
    if (part.empty()) return true;
    const auto begin = reinterpret_cast<std::uintptr_t>(whole.data());
    const auto at = reinterpret_cast<std::uintptr_t>(part.data());
    return at >= begin && at + part.size() <= begin + whole.size();
}

}  // namespace sipline::sip::test
