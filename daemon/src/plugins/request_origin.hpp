// How plugins originate requests (send_request in the host table) without the plugin layer
// depending on the core: the core implements this and lends it to the registry.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace sipline::plugins {

struct OutgoingRequest {
    std::string method;
    std::string request_uri;
    std::string destination; // empty: request_uri
    std::string from_uri;    // empty: sip:sipline@<local address>
    std::string to_uri;      // empty: request_uri
    std::string headers;     // extra lines, each ending in CRLF
    std::string body;
    std::chrono::milliseconds timeout{32000};
};

class RequestOrigin {
public:
    // Called once with the final status and reply bytes, or 408 and no bytes on timeout.
    using OnFinal = std::function<void(int status, std::string_view reply)>;
    virtual ~RequestOrigin() = default;
    // False (with *why) when the request cannot be sent at all; on_final is then not called.
    virtual bool send(OutgoingRequest request, OnFinal on_final, std::string *why) = 0;
};

}  // namespace sipline::plugins
