#include "util/log.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace sipline::log {
namespace {
std::atomic<int> g_level{static_cast<int>(Level::Info)};

const char *levelName(Level level) noexcept {
    switch (level) {
    case Level::Error: return "ERROR";
    case Level::Warning: return "WARN";
    case Level::Info: return "INFO";
    case Level::Debug: return "DEBUG";
    }
    return "?";
}
}  // namespace

void setLevel(Level level) noexcept { g_level.store(static_cast<int>(level)); }
Level level() noexcept { return static_cast<Level>(g_level.load(std::memory_order_relaxed)); }
bool enabled(Level l) noexcept {
    return static_cast<int>(l) <= g_level.load(std::memory_order_relaxed);
}

bool parseLevel(std::string_view text, Level &out) noexcept {
    if (text == "error") out = Level::Error;
    else if (text == "warning" || text == "warn") out = Level::Warning;
    else if (text == "info") out = Level::Info;
    else if (text == "debug") out = Level::Debug;
    else return false;
    return true;
}

void write(Level level, std::string_view component, std::string_view text) noexcept {
    try {
        using namespace std::chrono;
        const auto now = system_clock::now();
        const std::time_t seconds = system_clock::to_time_t(now);
        const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
        std::tm utc{};
        gmtime_r(&seconds, &utc);
        char stamp[32];
        std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                      utc.tm_sec, static_cast<int>(millis));
        std::string out;
        out.reserve(text.size() + component.size() + 48);
        out.append(stamp).append(" ").append(levelName(level)).append(" [");
        out.append(component).append("] ").append(text).append("\n");
        ssize_t ignored = ::write(STDERR_FILENO, out.data(), out.size());
        (void)ignored;
    } catch (...) {
        // Logging must never take the daemon down.
    }
}

}  // namespace sipline::log
