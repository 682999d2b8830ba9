#include "config_path.hpp"

#include <filesystem>

namespace sipline::dispatcher {

std::string configDirectoryOf(std::string_view config_path) {
    if (config_path.empty()) return {};
    return std::filesystem::absolute(std::filesystem::path{config_path}).parent_path().string();
}

std::string resolveAgainst(const std::string &base, const std::string &path) {
    if (path.empty() || base.empty() || std::filesystem::path{path}.is_absolute()) return path;
    const auto beside = (std::filesystem::path{base} / path).lexically_normal();
    std::error_code ignored;
    if (!std::filesystem::exists(beside, ignored) && std::filesystem::exists(path, ignored))
        return std::filesystem::absolute(path, ignored).lexically_normal().string();
    return beside.string();
}

}  // namespace sipline::dispatcher
