// Logging with levels to stderr (the journal picks it up under systemd). One write() per line,
// so lines from several threads never interleave.
#pragma once

#include <atomic>
#include <sstream>
#include <string_view>

namespace sipline::log {

enum class Level : int { Error = 1, Warning = 2, Info = 3, Debug = 4 };

void setLevel(Level level) noexcept;
Level level() noexcept;
bool enabled(Level level) noexcept;
// "error", "warning"/"warn", "info", "debug"; false when unknown.
bool parseLevel(std::string_view text, Level &out) noexcept;

void write(Level level, std::string_view component, std::string_view text) noexcept;

template <class... Parts> void line(Level level, std::string_view component, const Parts &...parts) {
    if (!enabled(level)) return;
    std::ostringstream out;
    (out << ... << parts);
    write(level, component, out.str());
}

template <class... P> void error(std::string_view c, const P &...p) { line(Level::Error, c, p...); }
template <class... P> void warning(std::string_view c, const P &...p) { line(Level::Warning, c, p...); }
template <class... P> void info(std::string_view c, const P &...p) { line(Level::Info, c, p...); }
template <class... P> void debug(std::string_view c, const P &...p) { line(Level::Debug, c, p...); }

}  // namespace sipline::log
