// Splits the control socket's byte stream into newline-terminated requests, with a size limit.
// Transport-free so the framing rules are tested without sockets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sipline::control {

class LineFramer {
public:
    explicit LineFramer(size_t max_line_bytes) : max_line_bytes_{max_line_bytes} {}

    enum class Status { NeedMore, Line, TooLarge };

    void append(std::string_view data);
    // Marks the end of the stream: a last request without '\n' then counts as a line.
    void finish() { finished_ = true; }
    bool finished() const noexcept { return finished_; }

    // On Line, `line` (without '\n', trailing '\r' removed) views the internal buffer and stays
    // valid until the next call to next() or append(). Blank lines are skipped. TooLarge when a
    // line exceeds the limit: the connection must be answered with an error and closed.
    Status next(std::string_view &line);

private:
    std::string buffer_;
    size_t consumed_ = 0; // bytes of buffer_ already handed out
    size_t scanned_ = 0;  // bytes after consumed_ known to hold no '\n'
    size_t max_line_bytes_;
    bool finished_ = false;
};

}  // namespace sipline::control
