// Which control socket siplinectl talks to: --socket, else the config's [control] socket.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace sipline::ctl {

inline constexpr const char *kDefaultSocket = "/run/sipline/sipline.sock";
inline constexpr const char *kDefaultConfig = "/etc/sipline/sipline.toml";

// An unreadable or invalid config file: siplinectl exits 78.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// --socket wins; else [control] socket of --config; else of default_config when that file
// exists; else kDefaultSocket (also when the config has no such key).
std::string resolveSocketPath(const std::optional<std::string> &socket,
                              const std::optional<std::string> &config,
                              const std::string &default_config = kDefaultConfig);

}  // namespace sipline::ctl
