#include "redis_url.hpp"

#include <charconv>

namespace sipline::htable {
namespace {

constexpr std::string_view kScheme = "redis://";

std::optional<int> number(std::string_view text, int low, int high) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < low || value > high)
        return std::nullopt;
    return value;
}

std::optional<RedisEndpoint> fail(std::string *why, std::string reason) {
    if (why) *why = std::move(reason);
    return std::nullopt;
}

}  // namespace

std::optional<RedisEndpoint> parseRedisUrl(const std::string &url, std::string *why) {
    std::string_view rest{url};
    if (rest.starts_with("rediss://"))
        return fail(why, "rediss:// (TLS) is not supported: Debian's hiredis 0.14 has no TLS; reach Redis over "
                         "loopback or a tunnel (stunnel, spiped) and use redis://");
    if (!rest.starts_with(kScheme))
        return fail(why, "\"" + url + "\" is not a redis:// URL (redis://[:password@]host[:port][/db])");
    rest.remove_prefix(kScheme.size());
    RedisEndpoint out;
    if (const size_t at = rest.rfind('@'); at != std::string_view::npos) {
        const std::string_view credentials = rest.substr(0, at);
        const size_t colon = credentials.find(':');
        if (colon == std::string_view::npos) return fail(why, "credentials must be :password@ or user:password@");
        out.user = std::string{credentials.substr(0, colon)};
        out.password = std::string{credentials.substr(colon + 1)};
        rest.remove_prefix(at + 1);
    }
    std::string_view authority = rest;
    if (const size_t slash = rest.find('/'); slash != std::string_view::npos) {
        authority = rest.substr(0, slash);
        const std::string_view db = rest.substr(slash + 1);
        if (!db.empty()) {
            const auto index = number(db, 0, 15);
            if (!index) return fail(why, "the database must be a number 0..15, got \"" + std::string{db} + "\"");
            out.db = *index;
        }
    }
    const size_t bracket = authority.starts_with('[') ? authority.find(']') : std::string_view::npos;
    const size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        const auto port = number(authority.substr(colon + 1), 1, 65535);
        if (!port) return fail(why, "bad port in \"" + url + "\"");
        out.port = *port;
        authority = authority.substr(0, colon);
    }
    if (bracket != std::string_view::npos) authority = authority.substr(1, bracket - 1); // [::1]
    if (authority.empty()) return fail(why, "no host in \"" + url + "\"");
    out.host = std::string{authority};
    return out;
}

std::string redisUrlForDisplay(const std::string &url) {
    const size_t scheme = url.find("://");
    const size_t at = url.rfind('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
    const size_t colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace sipline::htable
