// SIP/SIPS/TEL URIs as views into the text they were parsed from.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipline::sip {

enum class UriScheme : uint8_t { Other = 0, Sip, Sips, Tel, Tels };

struct Uri {
    std::string_view text;      // the whole URI
    std::string_view scheme;    // "sip"
    UriScheme scheme_kind = UriScheme::Other;
    std::string_view user;      // may be empty; still escaped as written
    std::string_view password;
    std::string_view host;      // IPv6 references keep their brackets: "[::1]"
    std::string_view port_text; // empty when absent
    uint16_t port = 0;          // 0 when absent
    std::string_view params;    // raw text after the first ';' of the hostport, without it
    std::string_view headers;   // raw text after '?', without it

    // Looks up a URI parameter (case-insensitive name). A parameter without '=' yields "".
    std::optional<std::string_view> param(std::string_view name) const noexcept;
};

// Parses sip:, sips: (RFC 3261 19.1) and tel:, tels: (RFC 3966, loosely: everything after the
// colon is the "user"). Other schemes with a valid "scheme:" prefix parse as UriScheme::Other
// with only `text` and `scheme` set. Returns nullopt when the text is not a URI at all or a
// sip/sips URI is malformed (bad host, bad port, bad characters).
std::optional<Uri> parseUri(std::string_view text) noexcept;

}  // namespace sipline::sip
