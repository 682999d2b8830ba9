// Configuration errors that name the file, the line and the reason. Start-up collects them all
// and refuses to run if there is any, so an operator fixes a config in one pass.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace sipline::config {

struct SourceLocation {
    std::string file;
    uint32_t line = 0;
    // "file:line" (or just "file" when the line is unknown).
    std::string str() const;
};

class Diagnostics {
public:
    void error(const SourceLocation &where, const std::string &reason);
    bool ok() const noexcept { return errors_.empty(); }
    const std::vector<std::string> &errors() const noexcept { return errors_; }
    std::string text() const; // one error per line

private:
    std::vector<std::string> errors_;
};

// Thrown when a configuration cannot be used; what() holds every error, one per line.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(const Diagnostics &diagnostics) : std::runtime_error{diagnostics.text()} {}
    explicit ConfigError(const std::string &text) : std::runtime_error{text} {}
};

}  // namespace sipline::config
