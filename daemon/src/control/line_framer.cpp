#include "control/line_framer.hpp"

#include <algorithm>

namespace sipline::control {
namespace {
bool blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}
}  // namespace

void LineFramer::append(std::string_view data) {
    // Compact lazily so a stream of small requests does not shift the buffer every time.
    if (consumed_ > 0 && consumed_ >= buffer_.size() / 2) {
        buffer_.erase(0, consumed_);
        consumed_ = 0;
    }
    buffer_.append(data);
}

LineFramer::Status LineFramer::next(std::string_view &line) {
    for (;;) {
        const std::string_view rest = std::string_view{buffer_}.substr(consumed_);
        const size_t newline = rest.find('\n', scanned_);
        if (newline == std::string_view::npos) {
            scanned_ = rest.size();
            if (rest.size() > max_line_bytes_) return Status::TooLarge;
            if (!finished_ || blank(rest)) return Status::NeedMore;
            // The stream ended without '\n': the remainder is the last request.
            line = rest;
            consumed_ = buffer_.size();
            scanned_ = 0;
            return Status::Line;
        }
        std::string_view candidate = rest.substr(0, newline);
        consumed_ += newline + 1;
        scanned_ = 0;
        if (!candidate.empty() && candidate.back() == '\r') candidate.remove_suffix(1);
        if (candidate.size() > max_line_bytes_) return Status::TooLarge;
        if (blank(candidate)) continue;
        line = candidate;
        return Status::Line;
    }
}

}  // namespace sipline::control
