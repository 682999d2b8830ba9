// The numeric header values sanity judges, with Kamailio's exact acceptance rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipline::sanity {

// Kamailio's str2valid_uint: 1..10 digits, compared digit by digit with "4294967296" (so that
// very value, one above UINT32_MAX, still passes: a quirk kept for Expires).
bool isValidUintText(std::string_view text) noexcept;

// CSeq numbers since Kamailio master (#4838): a valid uint as above and below 2^31 (RFC 3261
// 8.1.1.5).
bool isValidCSeqNumber(std::string_view text) noexcept;

// Content-Length = 1*DIGIT with surrounding LWS, within a signed 32-bit int (Kamailio's
// parse_content_length refuses the overflow). nullopt when unparsable.
std::optional<uint32_t> parseContentLength(std::string_view value) noexcept;

// The text of an Expires value as Kamailio's parse_expires keeps it: nullopt for an empty value
// (a parse error); a run of digits cut at the first whitespace; otherwise the whole trimmed
// value (which then fails isValidUintText).
std::optional<std::string_view> expiresText(std::string_view value) noexcept;

// Retry-After = delta-seconds [ comment ] *( SEMI retry-param ): only the leading number is
// checked, which is what makes Kamailio's eager parser refuse a field.
bool isParsableRetryAfter(std::string_view value) noexcept;

}  // namespace sipline::sanity
