// One local change of a table, handed to replication: what a worker did, in the form every
// other node can apply (absolute expiry times, increments as deltas so Redis can add them up).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cell.hpp"

namespace sipline::htable {

enum class ChangeKind : uint8_t {
    Set,      // key = value, expiring at `expire` (0: never)
    Delete,   // key removed
    Add,      // key += delta (Redis adds it and publishes the resulting value)
    Lifetime, // key now expires at `expire`
    Flush,    // every item removed
};

struct Change {
    ChangeKind kind = ChangeKind::Set;
    uint32_t table = 0; // the table's index in its replicator
    std::string key;
    CellValue value;
    Seconds expire = 0;
    int64_t delta = 0;
    Seconds now = 0; // the writer's clock, for Add (expiry decisions happen in Redis)
    uint64_t id = 0; // an Add's number, given by the queue: its published result names it
};

// Where a replicated table reports its changes. push() runs on workers, under the slot lock
// of the key (so changes of one key leave in the order they were made): it must be short and
// never block on the network.
class ChangeSink {
public:
    virtual ~ChangeSink() = default;
    virtual void push(Change &&change) noexcept = 0;
    // The sum of the increments of `key` pushed but not yet answered back by Redis: a value
    // published meanwhile does not hold them. Asked under the key's slot lock, like push().
    virtual int64_t unsettled(uint32_t table, std::string_view key) const = 0;
};

}  // namespace sipline::htable
