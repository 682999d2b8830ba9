// A directory under /tmp that is removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string>

namespace sipline::test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    const std::filesystem::path &path() const noexcept { return path_; }
    std::filesystem::path file(const std::string &name) const { return path_ / name; }
    // Writes text to a file in this directory and returns its path.
    std::filesystem::path write(const std::string &name, const std::string &text) const;

private:
    std::filesystem::path path_;
};

std::string readFile(const std::filesystem::path &path);

}  // namespace sipline::test
