// digest_credentials (2048) and authorization (8192): every Authorization, then every
// Proxy-Authorization, holds complete Digest credentials. They differ only on another scheme:
// 2048 fails silently, 8192 passes (and, as Kamailio, stops looking at later credentials).
#include "checks.hpp"
#include "digest_credentials.hpp"

namespace sipline::sanity {
namespace {

struct CredentialsVerdict {
    bool other_scheme = false;
    CheckOutcome outcome;
};

CheckOutcome outcomeOf(DigestProblem problem) {
    switch (problem) {
    case DigestProblem::None: break;
    case DigestProblem::Incomplete: return CheckOutcome::reply(400, "Bad Auth Credentials");
    case DigestProblem::EmptyUsername: return CheckOutcome::reply(400, "Auth Empty User");
    case DigestProblem::EmptyNonce: return CheckOutcome::reply(400, "Auth Empty Nonce");
    case DigestProblem::EmptyResponse: return CheckOutcome::reply(400, "Auth Empty Response");
    }
    return CheckOutcome::pass();
}

// One kind of credentials header, in message order; stops at the first verdict that is not pass.
bool inspectKind(const CheckInput &in, HeaderKind kind, CredentialsVerdict &verdict) {
    if (in.fields.count(kind) == 0) return true; // the usual case: no walk over the fields
    for (const HeaderField &field : in.fields.fields()) {
        if (field.kind != kind) continue;
        const CredentialsParse parsed = parseCredentials(field.value);
        if (parsed.status == CredentialsParse::Status::OtherScheme) {
            verdict.other_scheme = true;
            return false;
        }
        if (parsed.status == CredentialsParse::Status::Malformed) {
            verdict.outcome = CheckOutcome::reply(400, "Bad Auth Header");
            return false;
        }
        verdict.outcome = outcomeOf(judgeDigest(parsed.digest));
        if (!verdict.outcome.passed) return false;
    }
    return true;
}

CredentialsVerdict inspectCredentials(const CheckInput &in) {
    CredentialsVerdict verdict;
    if (!in.progress.reachesEnd()) {
        verdict.outcome = CheckOutcome::reply(400, "Bad Headers");
        return verdict;
    }
    if (inspectKind(in, HeaderKind::Authorization, verdict)) inspectKind(in, HeaderKind::ProxyAuthorization, verdict);
    return verdict;
}

}  // namespace

CheckOutcome checkDigestCredentials(const CheckInput &in) {
    const CredentialsVerdict verdict = inspectCredentials(in);
    return verdict.other_scheme ? CheckOutcome::silent() : verdict.outcome;
}

CheckOutcome checkAuthorization(const CheckInput &in) {
    const CredentialsVerdict verdict = inspectCredentials(in);
    return verdict.other_scheme ? CheckOutcome::pass() : verdict.outcome;
}

}  // namespace sipline::sanity
