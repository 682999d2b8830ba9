// A thin C++ face over sipline_host_t and sipline_diag_t. Costs one pointer; copies nothing.
#pragma once

#include <string>
#include <string_view>

#include "../diag.h"
#include "../host.h"
#include "strings.hpp"

namespace sipline::sdk {

class Host {
public:
    explicit Host(const sipline_host_t *host) noexcept : host_{host} {}

    const sipline_host_t *raw() const noexcept { return host_; }

    void log(sipline_log_level level, std::string_view text) const noexcept {
        host_->log(host_, level, str(text));
    }
    void error(std::string_view text) const noexcept { log(SIPLINE_LOG_ERROR, text); }
    void warning(std::string_view text) const noexcept { log(SIPLINE_LOG_WARNING, text); }
    void info(std::string_view text) const noexcept { log(SIPLINE_LOG_INFO, text); }
    void debug(std::string_view text) const noexcept { log(SIPLINE_LOG_DEBUG, text); }

    // The daemon's configuration file; empty when the host has none (or predates config_path).
    std::string_view configPath() const noexcept {
        if (!SIPLINE_HOST_HAS(host_, config_path)) return {};
        const sipline_str_t path = host_->config_path(host_);
        return {path.data, path.len};
    }

private:
    const sipline_host_t *host_;
};

class Diag {
public:
    explicit Diag(const sipline_diag_t *diag) noexcept : diag_{diag} {}
    void error(std::string_view text) const noexcept { diag_->error(diag_, str(text)); }

private:
    const sipline_diag_t *diag_;
};

// Thrown from a plugin's create()/prepare() to refuse a configuration; the trampolines turn
// it into diag->error() and SIPLINE_E_CONFIG.
class ConfigError : public std::exception {
public:
    explicit ConfigError(std::string message) : message_{std::move(message)} {}
    const char *what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

}  // namespace sipline::sdk
