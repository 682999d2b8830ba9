// Where a replicated table's shared copy lives: redis://[[user]:password@]host[:port][/db].
// Debian's hiredis (0.14) has no TLS, so rediss:// is refused with that reason rather than
// silently sent in clear.
#pragma once

#include <optional>
#include <string>

namespace sipline::htable {

struct RedisEndpoint {
    std::string host;
    int port = 6379;
    int db = 0;
    std::string user;     // Redis 6 ACL user; empty: the default user
    std::string password; // empty: no AUTH
};

// nullopt with the reason in *why for anything that is not a usable redis:// URL.
std::optional<RedisEndpoint> parseRedisUrl(const std::string &url, std::string *why);

// The URL with its password masked, for logs and htable.listTables.
std::string redisUrlForDisplay(const std::string &url);

}  // namespace sipline::htable
