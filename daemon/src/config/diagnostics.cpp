#include "config/diagnostics.hpp"

namespace sipline::config {

std::string SourceLocation::str() const {
    return line == 0 ? file : file + ":" + std::to_string(line);
}

void Diagnostics::error(const SourceLocation &where, const std::string &reason) {
    errors_.push_back(where.str() + ": " + reason);
}

std::string Diagnostics::text() const {
    std::string out;
    for (const auto &e : errors_) {
        if (!out.empty()) out += '\n';
        out += e;
    }
    return out;
}

}  // namespace sipline::config
