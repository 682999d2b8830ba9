// One function per Kamailio check (sanity.c), named after it. Each returns pass, a silent
// failure, a failure forbidding replies, or a failure with the exact reply Kamailio sends.
#pragma once

#include "check_input.hpp"

namespace sipline::sanity {

CheckOutcome checkSizes(const CheckInput &in);            // 65536
CheckOutcome checkRuriSipVersion(const CheckInput &in);   // 1
CheckOutcome checkRuriScheme(const CheckInput &in);       // 2
CheckOutcome checkRequiredHeaders(const CheckInput &in);  // 4
CheckOutcome checkVia1Header(const CheckInput &in);       // 16384
CheckOutcome checkRfc3261Compliance(const CheckInput &in); // 32768
CheckOutcome checkViaSipVersion(const CheckInput &in);    // 8, never fails (as in Kamailio)
CheckOutcome checkViaProtocol(const CheckInput &in);      // 16, never fails (as in Kamailio)
CheckOutcome checkCSeqMethod(const CheckInput &in);       // 32
CheckOutcome checkCSeqValue(const CheckInput &in);        // 64
CheckOutcome checkContentLength(const CheckInput &in);    // 128
CheckOutcome checkExpiresValue(const CheckInput &in);     // 256
CheckOutcome checkProxyRequire(const CheckInput &in);     // 512
CheckOutcome checkParseUris(const CheckInput &in);        // 1024, per in.uri_checks
CheckOutcome checkDigestCredentials(const CheckInput &in); // 2048
CheckOutcome checkAuthorization(const CheckInput &in);    // 8192
CheckOutcome checkDuplicatedTags(const CheckInput &in);   // 4096

}  // namespace sipline::sanity
