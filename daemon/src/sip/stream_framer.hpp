// Splits a TCP byte stream into SIP messages by Content-Length (RFC 3261 18.3).
// Handles several messages in one segment and a message split over segments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sipline::sip {

class StreamFramer {
public:
    explicit StreamFramer(size_t max_message_bytes = 65535) : max_message_bytes_{max_message_bytes} {}

    enum class Status { NeedMore, Message, Error };

    // Append received bytes.
    void append(std::string_view data) { buffer_.append(data); }

    // Extract the next complete message. On Message, `message` views the internal buffer and
    // stays valid until the next call to next() or append(). CRLF keep-alives (RFC 5626) between
    // messages are skipped. Error when a message would exceed the size limit or its header has
    // no valid Content-Length (stream transports require it): the connection must be closed.
    Status next(std::string_view &message, std::string_view &error_reason);

    size_t buffered() const noexcept { return buffer_.size() - consumed_; }

private:
    std::string buffer_;
    size_t consumed_ = 0; // bytes of buffer_ already handed out
    size_t max_message_bytes_;
    // Progress on the message at consumed_, so 1-byte segments do not rescan the whole header:
    size_t header_scanned_ = 0;  // bytes already searched for the empty line
    size_t message_bytes_ = 0;   // the whole message's length once its header is read; 0 before
};

}  // namespace sipline::sip
