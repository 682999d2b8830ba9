// host and port as they appear in SIP URIs and Via sent-by (RFC 3261 25.1 hostport).
// Private to daemon/src/sip.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sipline::sip {

// Scans a host starting at text[pos]: an IPv6 reference "[...]" or a hostname / IPv4 address.
// Returns the index just past it, or npos when no valid host starts there.
size_t scanHost(std::string_view text, size_t pos) noexcept;

// A port is 1*5DIGIT in 1..65535; anything else (empty, 0, too large, non-digits) is nullopt.
std::optional<uint16_t> parsePort(std::string_view digits) noexcept;

}  // namespace sipline::sip
