#include "replication_scripts.hpp"

namespace sipline::htable {

TableKeys::TableKeys(const std::string &table)
    : channel{"sipline:htable:" + table},
      values{channel + ":v"},
      types{channel + ":t"},
      expiries{channel + ":e"},
      seq{channel + ":seq"},
      epoch{channel + ":epoch"} {}

#define SIPLINE_PUBLISH_FN                                                                                      \
    "local function pub(o, k, t, v, e, i)\n"                                                                    \
    "  local s = redis.call('INCR', KEYS[4])\n"                                                                 \
    "  redis.call('PUBLISH', ARGV[1], cjson.encode({s = s, n = ARGV[2], o = o, k = k, t = t, v = v, e = e, i = i}))\n" \
    "end\n"

const char *const kSetScript = SIPLINE_PUBLISH_FN
    "local k = ARGV[3]\n"
    "if ARGV[7] == '1' and redis.call('HEXISTS', KEYS[1], k) == 1 then return 0 end\n"
    "redis.call('HSET', KEYS[1], k, ARGV[5])\n"
    "redis.call('HSET', KEYS[2], k, ARGV[4])\n"
    "if ARGV[6] ~= '0' then redis.call('HSET', KEYS[3], k, ARGV[6]) else redis.call('HDEL', KEYS[3], k) end\n"
    "pub('set', k, ARGV[4], ARGV[5], ARGV[6])\n"
    "return 1\n";

const char *const kDeleteScript = SIPLINE_PUBLISH_FN
    "local k = ARGV[3]\n"
    "redis.call('HDEL', KEYS[1], k)\n"
    "redis.call('HDEL', KEYS[2], k)\n"
    "redis.call('HDEL', KEYS[3], k)\n"
    "pub('del', k, '', '', '0')\n"
    "return 1\n";

const char *const kLifetimeScript = SIPLINE_PUBLISH_FN
    "local k = ARGV[3]\n"
    "if redis.call('HEXISTS', KEYS[1], k) == 0 then return 0 end\n"
    "if ARGV[4] ~= '0' then redis.call('HSET', KEYS[3], k, ARGV[4]) else redis.call('HDEL', KEYS[3], k) end\n"
    "pub('exp', k, '', '', ARGV[4])\n"
    "return 1\n";

const char *const kFlushScript = SIPLINE_PUBLISH_FN
    "redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])\n"
    "pub('flush', '', '', '', '0')\n"
    "return 1\n";

// Numbers stay strings where they can exceed 2^53 (Lua's numbers are doubles): the value is
// added by HINCRBY and read back as text.
const char *const kAddScript = SIPLINE_PUBLISH_FN
    "local k = ARGV[3]\n"
    "local now = tonumber(ARGV[5])\n"
    "local auto = tonumber(ARGV[6])\n"
    "local t = redis.call('HGET', KEYS[2], k)\n"
    "local e = tonumber(redis.call('HGET', KEYS[3], k) or '0')\n"
    "local expired = t and auto > 0 and e > 0 and e < now\n"
    "local fresh = 0\n"
    "if auto > 0 then fresh = now + auto end\n"
    "if (not t) or expired then\n"
    "  if ARGV[8] == '' then\n"
    "    if expired then\n"
    "      redis.call('HDEL', KEYS[1], k); redis.call('HDEL', KEYS[2], k); redis.call('HDEL', KEYS[3], k)\n"
    "      pub('del', k, '', '', '0')\n"
    "    end\n"
    "    return 0\n"
    "  end\n"
    "  redis.call('HSET', KEYS[1], k, ARGV[8])\n"
    "  redis.call('HSET', KEYS[2], k, 'i')\n"
    "  e = fresh\n"
    "elseif t ~= 'i' then\n"
    "  return 0\n"
    "elseif ARGV[7] == '1' then\n"
    "  e = fresh\n"
    "end\n"
    "redis.call('HINCRBY', KEYS[1], k, ARGV[4])\n"
    "local v = redis.call('HGET', KEYS[1], k)\n"
    "local es = string.format('%d', e)\n"
    "if e > 0 then redis.call('HSET', KEYS[3], k, es) else redis.call('HDEL', KEYS[3], k) end\n"
    "pub('set', k, 'i', v, es, ARGV[9])\n"
    "return 1\n";

const char *const kSnapshotScript =
    "return {redis.call('GET', KEYS[4]) or '0', redis.call('GET', KEYS[5]) or '',\n"
    "        redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}\n";

const char *const kPurgeScript =
    "local now = tonumber(ARGV[1])\n"
    "local all = redis.call('HGETALL', KEYS[3])\n"
    "local purged = 0\n"
    "for i = 1, #all, 2 do\n"
    "  local e = tonumber(all[i + 1])\n"
    "  if e and e > 0 and e < now then\n"
    "    redis.call('HDEL', KEYS[1], all[i]); redis.call('HDEL', KEYS[2], all[i]); redis.call('HDEL', KEYS[3], all[i])\n"
    "    purged = purged + 1\n"
    "  end\n"
    "end\n"
    "return purged\n";

#undef SIPLINE_PUBLISH_FN

}  // namespace sipline::htable
