// The Lua scripts the replication thread runs in Redis. Each change is one script, so the
// update of the shared copy and its PUBLISH happen atomically: the order of the change stream
// is the order in which Redis applied the changes, and every node applying the stream in that
// order ends with the same content. Each message carries a per-table sequence number so a
// node skips what its snapshot already holds.
//
// A table `T` lives in four keys: sipline:htable:T:v (values), :t ("i" integer, "s" string),
// :e (absolute expiry, epoch seconds; absent: never), :seq (last sequence number), plus
// :epoch (an id chosen by the first node after Redis lost its data). Changes are published
// on the channel sipline:htable:T as JSON {s: seq, n: node, o: set|del|exp|flush, k, t, v, e}.
#pragma once

#include <string>

namespace sipline::htable {

struct TableKeys {
    std::string channel; // sipline:htable:<table>
    std::string values, types, expiries, seq, epoch;
    explicit TableKeys(const std::string &table);
};

// KEYS: values types expiries seq. ARGV: channel node key type value expire [nx].
// With nx = "1" an existing key is left alone (used to re-seed a Redis that lost its data).
extern const char *const kSetScript;
// KEYS as above. ARGV: channel node key.
extern const char *const kDeleteScript;
// KEYS as above. ARGV: channel node key expire. Only for an existing key.
extern const char *const kLifetimeScript;
// KEYS as above. ARGV: channel node.
extern const char *const kFlushScript;
// KEYS as above. ARGV: channel node key delta now autoexpire updateexpire initval ("" none) id.
// htable's own rules for counters (initval, expiry restarts), applied to the shared value;
// publishes the resulting value as a set naming the increment ("i": the writer's id for it)
// and returns 1; 0 when it changed nothing.
extern const char *const kAddScript;
// KEYS: values types expiries seq epoch. Returns {seq, epoch, HGETALL values, types, expiries}.
extern const char *const kSnapshotScript;
// KEYS: values types expiries. ARGV: now. Deletes expired items (nodes expire their copies
// themselves; this only keeps Redis from growing).
extern const char *const kPurgeScript;

}  // namespace sipline::htable
