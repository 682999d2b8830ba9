#include "temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sipline::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sipline-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string &name, const std::string &text) const {
    const auto path = path_ / name;
    std::ofstream out{path, std::ios::binary};
    out << text;
    return path;
}

std::string readFile(const std::filesystem::path &path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace sipline::test
