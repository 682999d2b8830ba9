#include "hash_input.hpp"

#include <cctype>

#include "sip_uri.hpp"

namespace sipline::dispatcher {
namespace {

std::optional<HashKey> uriKey(std::string_view uri_text, bool user_only) {
    const auto uri = parseSipUri(uri_text);
    if (!uri) return std::nullopt;
    const UriHashKey key = uriHashKey(*uri, user_only);
    return HashKey{key.user, key.hostport};
}

std::optional<HashKey> headerUriKey(const sdk::Message &msg, std::string_view name, bool user_only) {
    const auto value = msg.header(name);
    if (!value) return std::nullopt;
    return uriKey(uriOfNameAddr(*value), user_only);
}

}  // namespace

std::string_view trimmed(std::string_view text) noexcept {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

std::optional<std::string_view> digestUsername(std::string_view credentials) noexcept {
    size_t at = 0;
    while ((at = credentials.find("username", at)) != std::string_view::npos) {
        // The parameter name must start a token: after the scheme's space or a comma.
        const bool starts = at > 0 && (credentials[at - 1] == ' ' || credentials[at - 1] == ',' || credentials[at - 1] == '\t');
        size_t i = at + 8;
        at = i;
        if (!starts) continue;
        while (i < credentials.size() && credentials[i] == ' ') ++i;
        if (i >= credentials.size() || credentials[i] != '=') continue;
        ++i;
        while (i < credentials.size() && credentials[i] == ' ') ++i;
        if (i < credentials.size() && credentials[i] == '"') {
            const size_t close = credentials.find('"', i + 1);
            if (close == std::string_view::npos) return std::nullopt;
            return credentials.substr(i + 1, close - i - 1);
        }
        const size_t end = credentials.find_first_of(", \t", i);
        return credentials.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    }
    return std::nullopt;
}

std::optional<HashKey> hashInput(int alg, const sdk::Message &msg, bool user_only) {
    switch (alg) {
    case kAlgCallId:
    case kAlgCallLoad: { // alg 10 falls back to the Call-ID hash
        const auto call_id = msg.header("Call-ID");
        if (!call_id || trimmed(*call_id).empty()) return std::nullopt;
        return HashKey{std::string{trimmed(*call_id)}, {}};
    }
    case kAlgFromUri: return headerUriKey(msg, "From", user_only);
    case kAlgToUri: return headerUriKey(msg, "To", user_only);
    case kAlgRequestUri: return uriKey(msg.requestUri(), user_only);
    case kAlgAuthUser: {
        // Proxy-Authorization first, then Authorization; the user part of the username.
        for (const std::string_view name : {"Proxy-Authorization", "Authorization"}) {
            const auto value = msg.header(name);
            if (!value) continue;
            const auto user = digestUsername(*value);
            if (!user) continue;
            return HashKey{std::string{trimmed(user->substr(0, user->find('@')))}, {}};
        }
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

}  // namespace sipline::dispatcher
