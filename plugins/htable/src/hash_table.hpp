// One named table: 2^size slots, each a small vector of cells behind its own lock, so
// workers touching different slots never wait for each other. Every operation takes the
// current time as an argument: expiry is decided by the caller's clock (tests move it).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "cell.hpp"
#include "change.hpp"
#include "slot_lock.hpp"
#include "table_spec.hpp"

namespace sipline::htable {

struct SlotItems {
    uint32_t index = 0;
    std::vector<Item> items; // expired-but-not-yet-purged ones included, as Kamailio dumps them
};

struct SlotStats {
    uint32_t slots = 0;
    uint64_t all = 0; // items, expired-but-not-yet-purged ones included
    uint64_t min = 0;
    uint64_t max = 0;
};

// Tests a cell for the bulk operations (remove, count, match).
using CellPredicate = std::function<bool(const Cell &)>;

class HashTable {
public:
    explicit HashTable(TableSpec spec);

    const TableSpec &spec() const noexcept { return spec_; }
    uint32_t slotCount() const noexcept { return spec_.slots; }
    uint32_t slotOf(std::string_view key) const noexcept;
    bool expires() const noexcept { return spec_.autoexpire > 0; }

    // --- single items; each holds the slot lock for its whole duration
    // The value, or nullopt when missing or expired (initval is the caller's business).
    std::optional<CellValue> get(std::string_view key, Seconds now) const;
    std::optional<Item> find(std::string_view key, Seconds now) const;
    // $sht(t=>k) = value: Kamailio's rules for the expiry of new, updated and expired items.
    void set(std::string_view key, CellValue value, Seconds now);
    // sht_setx*: the value with an explicit lifetime (ignored on tables without autoexpire;
    // <= 0 falls back to set()).
    void setWithLifetime(std::string_view key, CellValue value, Seconds lifetime, Seconds now);
    // True when a live item was removed (an expired one is removed too, but reported absent).
    bool remove(std::string_view key, Seconds now);
    // $shtinc/$shtdec: the new value, or nullopt when the item is a string, or is missing and
    // the table has no initval.
    std::optional<int64_t> add(std::string_view key, int64_t delta, Seconds now);
    // $shtex(t=>k) = lifetime: now + lifetime, or never when lifetime <= 0. False when the
    // table has no autoexpire (ignored, as Kamailio does) or the item is missing.
    bool setLifetime(std::string_view key, Seconds lifetime, Seconds now);
    // Seconds left: nullopt when missing; 0 on tables without autoexpire; -1 when it never
    // expires (Kamailio reads a wrapped huge number there).
    std::optional<Seconds> lifetimeLeft(std::string_view key, Seconds now) const;

    // --- bulk; slot by slot, one lock at a time
    size_t removeIf(const CellPredicate &matches);
    size_t countIf(const CellPredicate &matches, Seconds now) const; // live items only
    size_t countAll() const;                                          // raw, expired included
    bool anyLive(const CellPredicate &matches, Seconds now) const;
    void flush();
    size_t removeExpired(Seconds now);
    std::vector<SlotItems> dump() const;
    SlotStats stats() const;
    std::vector<Item> liveItems(Seconds now) const;

    // Replaces every item with these, with all slots locked at once: a reader sees the old
    // content or the new one, never a mix. Gives up (false) when some slot stays locked
    // (a script holding htable.lock) for longer than `patience`.
    bool replaceAll(std::vector<Cell> cells, std::chrono::milliseconds patience);

    // --- replication (replicate = "redis://..."): local changes go to the sink; changes
    // from other nodes come back through apply*, which never report to the sink.
    // [main-thread, before start] `id` is the table's index in the sink's replicator.
    void attachSink(ChangeSink *sink, uint32_t id) noexcept { sink_ = sink, sink_id_ = id; }
    // A counter's published value gets this node's increments still on their way to Redis
    // added (under the slot lock, so none slips between): the local count never goes back.
    void applySet(std::string_view key, CellValue value, Seconds expire);
    void applyRemove(std::string_view key);
    void applyLifetime(std::string_view key, Seconds expire);
    void applyFlush() { clearSlots(); }

    // htable.lock / htable.unlock: the slot of a key, held across pipeline steps.
    SlotLock &lockOf(std::string_view key) noexcept { return slots_[slotOf(key)].lock; }

private:
    struct Slot {
        mutable SlotLock lock;
        std::vector<Cell> cells;
    };

    Slot &slotFor(std::string_view key, uint32_t hash) const noexcept;
    static Cell *findIn(Slot &slot, std::string_view key, uint32_t hash) noexcept;
    bool isExpired(const Cell &cell, Seconds now) const noexcept {
        return spec_.autoexpire > 0 && cell.expire != 0 && cell.expire < now;
    }
    Seconds freshExpiry(Seconds now) const noexcept { return expires() ? now + spec_.autoexpire : 0; }
    bool lockAll(std::chrono::milliseconds patience) const;
    void clearSlots();
    size_t removeMatching(const CellPredicate &matches, bool reported);
    std::optional<int64_t> addLocked(Slot &slot, std::string_view key, uint32_t hash, int64_t delta, Seconds now);
    void report(Change &&change) const noexcept {
        if (sink_) {
            change.table = sink_id_;
            sink_->push(std::move(change));
        }
    }
    void unlockAll() const;

    TableSpec spec_;
    std::unique_ptr<Slot[]> slots_;
    ChangeSink *sink_ = nullptr; // set before the workers start, read-only afterwards
    uint32_t sink_id_ = 0;
};

}  // namespace sipline::htable
