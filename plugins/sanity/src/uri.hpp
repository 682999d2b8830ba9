// URI syntax as RFC 3261 19.1 (sip, sips) and RFC 3966 (tel) define it, plus the scheme of any
// other absolute URI. What Kamailio's parse_uri decides for sanity: a URI parses or not, and
// its scheme is one sipline routes (sip/sips/tel/tels) or not.
#pragma once

#include <string_view>

namespace sipline::sanity {

enum class UriScheme { Sip, Sips, Tel, Tels, Other };

// RFC 3261 19.1.1: a Request-URI carries no headers, and an addr-spec written without angle
// brackets cannot either (its '?' would be ambiguous, RFC 3261 20).
enum class UriHeaders { Allowed, Forbidden };

struct Uri {
    UriScheme scheme = UriScheme::Other;
    std::string_view scheme_text;
    std::string_view user;
    std::string_view password;
    std::string_view host; // "[...]" kept for IPv6 references; empty for tel
    std::string_view port;
    std::string_view params;  // after the first ';', up to '?'
    std::string_view headers; // after '?'

    // A uri-parameter by name, case-insensitively ("lr" for loose routing).
    bool hasParam(std::string_view name) const noexcept;
};

struct UriParse {
    enum class Status { Ok, Malformed, UnsupportedScheme };
    Status status = Status::Malformed;
    Uri uri;
    bool ok() const noexcept { return status == Status::Ok; }
};

// Total over arbitrary bytes: never reads outside text.
UriParse parseUri(std::string_view text, UriHeaders headers = UriHeaders::Allowed) noexcept;

}  // namespace sipline::sanity
