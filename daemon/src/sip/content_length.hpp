// Content-Length values, shared by the message parser and the stream framer.
// Private to daemon/src/sip.
#pragma once

#include <string_view>

namespace sipline::sip {

// The value of a Content-Length field (surrounding LWS ignored): -1 when it is not 1*DIGIT
// (torture test ncl: "-999"). Values too large for long long saturate, so they still read as
// "more than any body" instead of wrapping.
long long parseContentLength(std::string_view value) noexcept;

}  // namespace sipline::sip
