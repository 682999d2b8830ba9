// A parsed SIP message: views into the bytes it was parsed from, which it does not own.
// Parsing finds the start line, the header fields and the body; structured headers (Via,
// From, To, CSeq, the request URI) are parsed on first use and cached.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "cseq.hpp"
#include "header_type.hpp"
#include "name_addr.hpp"
#include "uri.hpp"
#include "via.hpp"

namespace sipline::sip {

struct Header {
    std::string_view name;  // as written
    std::string_view value; // trimmed; a folded value keeps its inner CRLF+WSP as written
    std::string_view field; // the whole field: name through the end of its last line's CRLF
    HeaderType type = HeaderType::Other;
};

struct ParseLimits {
    size_t max_message_bytes = 65535;
    size_t max_headers = 256;
};

class Message;

struct ParseResult {
    // On failure `reason` says why in a few words ("no header terminator", "bad status code").
    bool ok = false;
    std::string_view reason;
};

class Message {
public:
    Message() = default;

    // Parses `bytes` (one whole message: for UDP a datagram, for TCP one framed message).
    // The bytes must outlive the Message. A body longer than Content-Length is cut to it
    // (RFC 3261 18.3); a shorter one is an error. Without Content-Length the body is the rest.
    ParseResult parse(std::string_view bytes, const ParseLimits &limits = {});

    std::string_view bytes() const noexcept { return bytes_; }
    bool isRequest() const noexcept { return is_request_; }

    // Request line.
    std::string_view method() const noexcept { return method_; }
    std::string_view requestUriText() const noexcept { return request_uri_; }
    std::string_view version() const noexcept { return version_; } // "SIP/2.0"
    // Status line.
    int statusCode() const noexcept { return status_code_; }
    std::string_view reason() const noexcept { return reason_; }

    std::string_view startLine() const noexcept { return start_line_; } // without CRLF
    const std::vector<Header> &headers() const noexcept { return headers_; }
    // Offset in bytes() where the first header field starts, and where the empty line is.
    size_t headersBegin() const noexcept { return headers_begin_; }
    size_t headersEnd() const noexcept { return headers_end_; }
    std::string_view body() const noexcept { return body_; }

    // The nth field of this type (Other is not allowed) or name (compact forms matched).
    const Header *find(HeaderType type, size_t nth = 0) const noexcept;
    const Header *find(std::string_view name, size_t nth = 0) const noexcept;
    size_t count(HeaderType type) const noexcept;

    // Structured views, parsed on first use. nullptr / nullopt when absent or malformed.
    const Uri *requestUri() const;
    const Via *topVia() const;                // first via-parm of the first Via field
    const std::vector<Via> *vias() const;     // every via-parm in order; nullptr if any is bad
    const NameAddr *from() const;
    const NameAddr *to() const;
    const CSeq *cseq() const;
    std::string_view callId() const noexcept; // trimmed, empty when absent
    // Content-Length value; nullopt when absent, -1 when not a number.
    std::optional<long long> contentLength() const noexcept;

private:
    // The steps of parse(), each filling its part of the members below.
    void reset(std::string_view bytes) noexcept;
    ParseResult parseStartLine();
    ParseResult parseHeaderFields(size_t pos, const ParseLimits &limits);
    ParseResult parseBody();

    std::string_view bytes_;
    bool is_request_ = false;
    std::string_view method_, request_uri_, version_, reason_, start_line_, body_;
    int status_code_ = 0;
    std::vector<Header> headers_;
    size_t headers_begin_ = 0, headers_end_ = 0;

    // Lazy caches: 0 = not parsed yet, 1 = parsed and valid, 2 = parsed and invalid/absent.
    // A member added here or above must be reset in reset() too.
    mutable uint8_t ruri_state_ = 0, vias_state_ = 0, from_state_ = 0, to_state_ = 0,
                    cseq_state_ = 0;
    mutable Uri ruri_;
    mutable std::vector<Via> vias_;
    mutable NameAddr from_, to_;
    mutable CSeq cseq_;
};

}  // namespace sipline::sip
