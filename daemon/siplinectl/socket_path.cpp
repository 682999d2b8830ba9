#include "siplinectl/socket_path.hpp"

#include <filesystem>
#include <sstream>

#include <toml++/toml.h>

namespace sipline::ctl {
namespace {
std::string socketFromConfig(const std::string &file) {
    toml::table config;
    try {
        config = toml::parse_file(file);
    } catch (const toml::parse_error &e) {
        std::ostringstream message;
        message << file;
        if (e.source().begin) message << ':' << e.source().begin.line;
        message << ": " << e.description();
        throw ConfigError{message.str()};
    }
    const toml::node *control = config.get("control");
    if (!control) return kDefaultSocket;
    if (!control->is_table()) throw ConfigError{file + ": [control] must be a table"};
    const toml::node *socket = control->as_table()->get("socket");
    if (!socket) return kDefaultSocket;
    const auto path = socket->value<std::string>();
    if (!socket->is_string() || !path || path->empty())
        throw ConfigError{file + ": control.socket must be a non-empty string"};
    return *path;
}
}  // namespace

std::string resolveSocketPath(const std::optional<std::string> &socket,
                              const std::optional<std::string> &config,
                              const std::string &default_config) {
    if (socket) return *socket;
    if (config) return socketFromConfig(*config);
    std::error_code ignored;
    if (std::filesystem::exists(default_config, ignored)) return socketFromConfig(default_config);
    return kDefaultSocket;
}

}  // namespace sipline::ctl
