// Framing SIP over TCP/TLS (RFC 3261 18.3): the header ends at the first empty line and
// Content-Length, mandatory on streams, says where the body ends.
#include "stream_framer.hpp"

#include "content_length.hpp"
#include "header_type.hpp"
#include "sip_chars.hpp"

namespace sipline::sip {
namespace {

constexpr size_t npos = std::string_view::npos;

// Erases handed-out bytes once they are at least half the buffer, so each byte is moved
// O(1) times on average and a long-lived connection's buffer does not grow.
void compactBuffer(std::string &buffer, size_t &consumed, size_t max_message_bytes) {
    if (consumed == 0) return;
    if (consumed == buffer.size()) {
        buffer.clear();
        consumed = 0;
    } else if (consumed >= buffer.size() - consumed) {
        buffer.erase(0, consumed);
        consumed = 0;
    }
    // A burst can leave a large allocation behind; give it back once it is mostly empty.
    if (buffer.capacity() > 4 * max_message_bytes && buffer.size() <= max_message_bytes)
        buffer.shrink_to_fit();
}

// The length of the header block including its empty line ("\n\n" or "\n\r\n", so bare-LF
// senders frame too), or npos. Resumes near `scanned`, updating it.
size_t findHeaderEnd(std::string_view pending, size_t &scanned) {
    size_t pos = scanned >= 2 ? scanned - 2 : 0;  // a terminator may straddle two segments
    while ((pos = pending.find('\n', pos)) != npos) {
        if (pos + 1 < pending.size() && pending[pos + 1] == '\n') return pos + 2;
        if (pos + 2 < pending.size() && pending[pos + 1] == '\r' && pending[pos + 2] == '\n')
            return pos + 3;
        ++pos;
    }
    scanned = pending.size();
    return npos;
}

enum class LengthLookup { Found, Missing, Invalid, Conflicting };

// Reads Content-Length (or compact "l") from a complete header block, start line excluded.
LengthLookup findContentLength(std::string_view header_block, long long &length) {
    size_t pos = header_block.find('\n');
    bool found = false;
    while (pos != npos && ++pos < header_block.size()) {
        const size_t line_end = header_block.find('\n', pos);
        const std::string_view line = header_block.substr(pos, line_end == npos ? npos : line_end - pos);
        pos = line_end;
        if (line.empty() || chars::isWsp(line.front())) continue;
        const size_t colon = line.find(':');
        if (colon == npos) continue;
        const std::string_view name = chars::trimLws(line.substr(0, colon));
        if (headerTypeOf(name) != HeaderType::ContentLength) continue;

        // The value may continue on folded lines.
        size_t value_end = line_end;
        while (value_end != npos && value_end + 1 < header_block.size() &&
               chars::isWsp(header_block[value_end + 1]))
            value_end = header_block.find('\n', value_end + 1);
        const size_t value_begin = static_cast<size_t>(line.data() - header_block.data()) + colon + 1;
        const std::string_view value = header_block.substr(
            value_begin, value_end == npos ? npos : value_end - value_begin);
        const long long parsed = parseContentLength(value);
        if (parsed < 0) return LengthLookup::Invalid;
        if (found && parsed != length) return LengthLookup::Conflicting;
        length = parsed;
        found = true;
    }
    return found ? LengthLookup::Found : LengthLookup::Missing;
}

}  // namespace

StreamFramer::Status StreamFramer::next(std::string_view &message, std::string_view &error_reason) {
    compactBuffer(buffer_, consumed_, max_message_bytes_);

    const bool at_message_start = header_scanned_ == 0 && message_bytes_ == 0;
    if (at_message_start) {
        // CRLF keep-alives (RFC 5626 3.5.1) and stray line ends between messages.
        while (consumed_ < buffer_.size() && (buffer_[consumed_] == '\r' || buffer_[consumed_] == '\n'))
            ++consumed_;
    }
    const std::string_view pending = std::string_view{buffer_}.substr(consumed_);

    if (message_bytes_ == 0) {
        const size_t header_bytes = findHeaderEnd(pending, header_scanned_);
        if (header_bytes == npos) {
            if (pending.size() > max_message_bytes_) {
                error_reason = "message too large";
                return Status::Error;
            }
            return Status::NeedMore;
        }
        long long body_bytes = 0;
        switch (findContentLength(pending.substr(0, header_bytes), body_bytes)) {
        case LengthLookup::Found:
            break;
        case LengthLookup::Missing:
            error_reason = "Content-Length required on stream transports";
            return Status::Error;
        case LengthLookup::Invalid:
            error_reason = "bad Content-Length";
            return Status::Error;
        case LengthLookup::Conflicting:
            error_reason = "conflicting Content-Length headers";
            return Status::Error;
        }
        if (header_bytes > max_message_bytes_ ||
            static_cast<unsigned long long>(body_bytes) > max_message_bytes_ - header_bytes) {
            error_reason = "message too large";
            return Status::Error;
        }
        message_bytes_ = header_bytes + static_cast<size_t>(body_bytes);
    }

    if (pending.size() < message_bytes_) return Status::NeedMore;
    message = pending.substr(0, message_bytes_);
    consumed_ += message_bytes_;
    message_bytes_ = 0;
    header_scanned_ = 0;
    return Status::Message;
}

}  // namespace sipline::sip
