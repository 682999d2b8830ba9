#include "digest_credentials.hpp"

#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

constexpr std::string_view kDigest = "digest";

std::string_view trimLeading(std::string_view text) noexcept {
    while (!text.empty() && isLws(text.front())) text.remove_prefix(1);
    return text;
}

std::optional<std::string_view> *slotFor(DigestCredentials &out, std::string_view name) noexcept {
    if (equalsIgnoreCase(name, "username")) return &out.username;
    if (equalsIgnoreCase(name, "realm")) return &out.realm;
    if (equalsIgnoreCase(name, "nonce")) return &out.nonce;
    if (equalsIgnoreCase(name, "uri")) return &out.uri;
    if (equalsIgnoreCase(name, "response")) return &out.response;
    if (equalsIgnoreCase(name, "cnonce")) return &out.cnonce;
    if (equalsIgnoreCase(name, "nc")) return &out.nc;
    if (equalsIgnoreCase(name, "qop")) return &out.qop;
    return nullptr; // algorithm, opaque and unknown parameters: not checked
}

// name "=" value, where value is a quoted string (closed by the next '"', no escapes, as
// Kamailio reads it) or a run up to LWS or ','. Advances rest past the value.
bool parseParam(std::string_view &rest, DigestCredentials &out) {
    const size_t equals = rest.find('=');
    if (equals == std::string_view::npos) return false;
    const std::string_view name = trimLws(rest.substr(0, equals));
    rest = trimLeading(rest.substr(equals + 1));
    if (rest.empty()) return false;
    std::string_view value;
    if (rest.front() == '"') {
        if (rest.size() < 2) return false;
        const size_t close = rest.find('"', 1);
        if (close == std::string_view::npos) return false;
        value = rest.substr(1, close - 1);
        rest.remove_prefix(close + 1);
    } else {
        size_t end = 0;
        while (end < rest.size() && !isLws(rest[end]) && rest[end] != ',') ++end;
        if (end == 0) return false;
        value = rest.substr(0, end);
        rest.remove_prefix(end);
    }
    if (auto *slot = slotFor(out, name)) *slot = value;
    return true;
}

bool needsClientNonce(std::string_view qop) noexcept {
    const std::string_view value = trimLws(qop);
    return equalsIgnoreCase(value, "auth") || equalsIgnoreCase(value, "auth-int");
}

}  // namespace

CredentialsParse parseCredentials(std::string_view value) {
    CredentialsParse result;
    std::string_view rest = trimLeading(value);
    // "Digest" must be followed by LWS or ','; anything shorter or else is another scheme.
    const bool digest = rest.size() > kDigest.size() && equalsIgnoreCase(rest.substr(0, kDigest.size()), kDigest) &&
                        (isLws(rest[kDigest.size()]) || rest[kDigest.size()] == ',');
    if (!digest) {
        result.status = CredentialsParse::Status::OtherScheme;
        return result;
    }
    rest = trimLeading(rest.substr(kDigest.size() + 1));
    while (true) {
        if (!parseParam(rest, result.digest)) return result; // Malformed
        const size_t comma = rest.find(',');
        if (comma == std::string_view::npos) break;
        rest = trimLeading(rest.substr(comma + 1));
    }
    result.status = CredentialsParse::Status::Digest;
    return result;
}

DigestProblem judgeDigest(const DigestCredentials &c) noexcept {
    const bool incomplete = !c.username || !c.realm || !c.nonce || !c.uri || !c.response ||
                            (c.qop && needsClientNonce(*c.qop) && (!c.cnonce || !c.nc));
    if (incomplete) return DigestProblem::Incomplete;
    if (c.username->empty()) return DigestProblem::EmptyUsername;
    if (c.nonce->empty()) return DigestProblem::EmptyNonce;
    if (c.response->empty()) return DigestProblem::EmptyResponse;
    return DigestProblem::None;
}

}  // namespace sipline::sanity
