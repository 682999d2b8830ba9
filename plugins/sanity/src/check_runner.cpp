#include "check_runner.hpp"

#include "check_set.hpp"
#include "checks.hpp"

namespace sipline::sanity {
namespace {

constexpr CheckStep kOrder[] = {
    {kSizes, "sizes", checkSizes},
    {kRuriSipVersion, "ruri_sip_version", checkRuriSipVersion},
    {kRuriScheme, "ruri_scheme", checkRuriScheme},
    {kRequiredHeaders, "required_headers", checkRequiredHeaders},
    {kVia1Header, "via1_header", checkVia1Header},
    {kRfc3261Compliance, "rfc3261_compliance", checkRfc3261Compliance},
    {kViaSipVersion, "via_sip_version", checkViaSipVersion},
    {kViaProtocol, "via_protocol", checkViaProtocol},
    {kCSeqMethod, "cseq_method", checkCSeqMethod},
    {kCSeqValue, "cseq_value", checkCSeqValue},
    {kContentLength, "content_length", checkContentLength},
    {kExpiresValue, "expires_value", checkExpiresValue},
    {kProxyRequire, "proxy_require", checkProxyRequire},
    {kParseUris, "parse_uris", checkParseUris},
    {kDigestCredentials, "digest_credentials", checkDigestCredentials},
    {kAuthorization, "authorization", checkAuthorization},
    {kDuplicatedTags, "duplicated_tags", checkDuplicatedTags},
};

}  // namespace

std::span<const CheckStep> checkOrder() noexcept { return kOrder; }

SanityResult runChecks(const CheckInput &in, uint32_t msg_checks) {
    if (in.config.size_checks) msg_checks |= kSizes;
    for (const CheckStep &step : kOrder) {
        if ((msg_checks & step.bit) == 0) continue;
        CheckOutcome outcome = step.run(in);
        if (!outcome.passed) return {.passed = false, .failed_check = step.name, .outcome = std::move(outcome)};
    }
    return {};
}

}  // namespace sipline::sanity
