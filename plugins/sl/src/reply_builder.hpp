// The bytes of a stateless reply (RFC 3261 8.2.6, 16.7), from the request fields it copies.
// No message handle, no host: the whole output is testable as a string.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipline::sl {

// What the reply copies from the request: field values as received (trimmed).
struct ReplyRequest {
    std::vector<std::string_view> vias;          // every Via field, in order (a field may list
                                                 // several via-parms; it is copied whole)
    std::vector<std::string_view> record_routes; // every Record-Route field, in order
    std::optional<std::string_view> from;
    std::optional<std::string_view> to;
    std::optional<std::string_view> call_id;
    std::optional<std::string_view> cseq;
};

struct ReplyContent {
    int code = 0;
    std::string_view reason;
    std::string_view to_tag;                // added to a To without tag when code >= 180
    std::vector<std::string_view> contacts; // written as "Contact: <uri>" for 3xx only
    std::string_view extra_headers;         // complete header lines, each ending in CRLF
    std::string_view server;                // the Server header's value; empty: no header
};

// The reply, or nullopt when it cannot be built: a code outside 100..699, an empty reason,
// a reason holding CR or LF, or no Via to answer to.
//
// Layout: status line, Via..., Record-Route... (180..299 only, as Kamailio), From, To, Call-ID,
// CSeq, Contact... (3xx), extra headers, Server, Content-Length: 0, empty line. Header names
// are written in full whatever form the request used.
std::optional<std::string> buildReply(const ReplyRequest &request, const ReplyContent &content);

}  // namespace sipline::sl
