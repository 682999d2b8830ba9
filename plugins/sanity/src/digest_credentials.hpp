// Authorization / Proxy-Authorization values read as Kamailio's digest parser reads them
// (parse_digest_cred, check_dig_cred): which scheme, which parameters, which are missing.
#pragma once

#include <optional>
#include <string_view>

namespace sipline::sanity {

struct DigestCredentials {
    std::optional<std::string_view> username, realm, nonce, uri, response, cnonce, nc, qop;
};

struct CredentialsParse {
    enum class Status { Digest, OtherScheme, Malformed };
    Status status = Status::Malformed;
    DigestCredentials digest; // for Status::Digest
};

CredentialsParse parseCredentials(std::string_view value);

// What sanity answers for parsed digest credentials, in Kamailio's order of tests.
enum class DigestProblem { None, Incomplete, EmptyUsername, EmptyNonce, EmptyResponse };
DigestProblem judgeDigest(const DigestCredentials &credentials) noexcept;

}  // namespace sipline::sanity
