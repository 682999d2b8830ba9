#include "hash_table.hpp"

#include <algorithm>
#include <limits>
#include <thread>

#include "key_hash.hpp"

namespace sipline::htable {

HashTable::HashTable(TableSpec spec) : spec_{std::move(spec)}, slots_{new Slot[spec_.slots]} {}

uint32_t HashTable::slotOf(std::string_view key) const noexcept { return keyHash(key) & (spec_.slots - 1); }

HashTable::Slot &HashTable::slotFor(std::string_view, uint32_t hash) const noexcept {
    return slots_[hash & (spec_.slots - 1)];
}

Cell *HashTable::findIn(Slot &slot, std::string_view key, uint32_t hash) noexcept {
    for (Cell &cell : slot.cells)
        if (cell.hash == hash && cell.name == key) return &cell;
    return nullptr;
}

std::optional<CellValue> HashTable::get(std::string_view key, Seconds now) const {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    const Cell *cell = findIn(slot, key, hash);
    if (!cell || isExpired(*cell, now)) return std::nullopt;
    return cell->value;
}

std::optional<Item> HashTable::find(std::string_view key, Seconds now) const {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    const Cell *cell = findIn(slot, key, hash);
    if (!cell || isExpired(*cell, now)) return std::nullopt;
    return Item{cell->name.str(), cell->value, cell->expire};
}

void HashTable::set(std::string_view key, CellValue value, Seconds now) {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    Cell *cell = findIn(slot, key, hash);
    if (!cell) {
        slot.cells.push_back(Cell{std::string{key}, std::move(value), freshExpiry(now), hash});
        cell = &slot.cells.back();
    } else {
        // updateexpire = 0 keeps the expiry, except for an item that had already expired: it
        // is a new item for every purpose (Kamailio #4079/#4103).
        if (spec_.updateexpire || isExpired(*cell, now)) cell->expire = freshExpiry(now);
        cell->value = std::move(value);
    }
    if (sink_) report(Change{ChangeKind::Set, 0, cell->name.str(), cell->value, cell->expire, 0, now});
}

void HashTable::setWithLifetime(std::string_view key, CellValue value, Seconds lifetime, Seconds now) {
    if (lifetime <= 0 || !expires()) {
        set(key, std::move(value), now);
        return;
    }
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    Cell *cell = findIn(slot, key, hash);
    if (!cell) {
        slot.cells.push_back(Cell{std::string{key}, std::move(value), now + lifetime, hash});
        cell = &slot.cells.back();
    } else {
        cell->value = std::move(value);
        cell->expire = now + lifetime;
    }
    if (sink_) report(Change{ChangeKind::Set, 0, cell->name.str(), cell->value, cell->expire, 0, now});
}

bool HashTable::remove(std::string_view key, Seconds now) {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    Cell *cell = findIn(slot, key, hash);
    if (!cell) return false;
    const bool live = !isExpired(*cell, now);
    if (sink_) report(Change{ChangeKind::Delete, 0, std::string{key}, {}, 0, 0, now});
    if (cell != &slot.cells.back()) *cell = std::move(slot.cells.back());
    slot.cells.pop_back();
    return live;
}

std::optional<int64_t> HashTable::add(std::string_view key, int64_t delta, Seconds now) {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    const std::optional<int64_t> result = addLocked(slot, key, hash, delta, now);
    // The delta, not the result: Redis adds every node's deltas to the shared counter.
    if (result && sink_) report(Change{ChangeKind::Add, 0, std::string{key}, {}, 0, delta, now});
    return result;
}

std::optional<int64_t> HashTable::addLocked(Slot &slot, std::string_view key, uint32_t hash, int64_t delta,
                                            Seconds now) {
    Cell *cell = findIn(slot, key, hash);
    if (cell && isExpired(*cell, now)) {
        // An expired counter restarts from initval, or is gone without one.
        if (!spec_.initval) return std::nullopt;
        cell->value = *spec_.initval + delta;
        cell->expire = freshExpiry(now);
        return std::get<int64_t>(cell->value);
    }
    if (!cell) {
        if (!spec_.initval) return std::nullopt;
        slot.cells.push_back(Cell{std::string{key}, *spec_.initval + delta, freshExpiry(now), hash});
        return *spec_.initval + delta;
    }
    auto *number = std::get_if<int64_t>(&cell->value);
    if (!number) return std::nullopt;
    *number += delta;
    if (spec_.updateexpire) cell->expire = freshExpiry(now);
    return *number;
}

bool HashTable::setLifetime(std::string_view key, Seconds lifetime, Seconds now) {
    if (!expires()) return false;
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    Cell *cell = findIn(slot, key, hash);
    if (!cell || isExpired(*cell, now)) return false;
    cell->expire = lifetime > 0 ? now + lifetime : 0;
    if (sink_) report(Change{ChangeKind::Lifetime, 0, cell->name.str(), {}, cell->expire, 0, now});
    return true;
}

std::optional<Seconds> HashTable::lifetimeLeft(std::string_view key, Seconds now) const {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    const Cell *cell = findIn(slot, key, hash);
    if (!cell || isExpired(*cell, now)) return std::nullopt;
    if (!expires()) return 0;
    if (cell->expire == 0) return -1;
    return cell->expire - now;
}

size_t HashTable::removeIf(const CellPredicate &matches) { return removeMatching(matches, true); }

size_t HashTable::removeMatching(const CellPredicate &matches, bool reported) {
    size_t removed = 0;
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        Slot &slot = slots_[i];
        SlotGuard guard{slot.lock};
        const auto end = std::remove_if(slot.cells.begin(), slot.cells.end(), matches);
        if (reported && sink_)
            for (auto cell = end; cell != slot.cells.end(); ++cell)
                report(Change{ChangeKind::Delete, 0, cell->name.str(), {}, 0, 0, 0});
        removed += static_cast<size_t>(slot.cells.end() - end);
        slot.cells.erase(end, slot.cells.end());
    }
    return removed;
}

size_t HashTable::countIf(const CellPredicate &matches, Seconds now) const {
    size_t count = 0;
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        const Slot &slot = slots_[i];
        SlotGuard guard{slot.lock};
        for (const Cell &cell : slot.cells)
            if (!isExpired(cell, now) && matches(cell)) ++count;
    }
    return count;
}

size_t HashTable::countAll() const {
    size_t count = 0;
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        SlotGuard guard{slots_[i].lock};
        count += slots_[i].cells.size();
    }
    return count;
}

bool HashTable::anyLive(const CellPredicate &matches, Seconds now) const {
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        const Slot &slot = slots_[i];
        SlotGuard guard{slot.lock};
        for (const Cell &cell : slot.cells)
            if (!isExpired(cell, now) && matches(cell)) return true;
    }
    return false;
}

void HashTable::flush() {
    clearSlots();
    report(Change{ChangeKind::Flush, 0, {}, {}, 0, 0, 0});
}

void HashTable::clearSlots() {
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        std::vector<Cell> old;
        {
            SlotGuard guard{slots_[i].lock};
            old.swap(slots_[i].cells);
        }
        // `old` is freed here, outside the lock
    }
}

size_t HashTable::removeExpired(Seconds now) {
    if (!expires()) return 0;
    // Not reported: every node expires its copy by the same absolute times.
    return removeMatching([&](const Cell &cell) { return isExpired(cell, now); }, false);
}

std::vector<SlotItems> HashTable::dump() const {
    std::vector<SlotItems> out;
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        const Slot &slot = slots_[i];
        SlotGuard guard{slot.lock};
        if (slot.cells.empty()) continue;
        SlotItems entry{i, {}};
        entry.items.reserve(slot.cells.size());
        for (const Cell &cell : slot.cells) entry.items.push_back(Item{cell.name.str(), cell.value, cell.expire});
        out.push_back(std::move(entry));
    }
    return out;
}

SlotStats HashTable::stats() const {
    SlotStats out{spec_.slots, 0, std::numeric_limits<uint64_t>::max(), 0};
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        SlotGuard guard{slots_[i].lock};
        const uint64_t size = slots_[i].cells.size();
        out.all += size;
        out.min = std::min(out.min, size);
        out.max = std::max(out.max, size);
    }
    return out;
}

std::vector<Item> HashTable::liveItems(Seconds now) const {
    std::vector<Item> out;
    for (uint32_t i = 0; i < spec_.slots; ++i) {
        const Slot &slot = slots_[i];
        SlotGuard guard{slot.lock};
        for (const Cell &cell : slot.cells)
            if (!isExpired(cell, now)) out.push_back(Item{cell.name.str(), cell.value, cell.expire});
    }
    return out;
}

void HashTable::applySet(std::string_view key, CellValue value, Seconds expire) {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    if (auto *number = std::get_if<int64_t>(&value); number && sink_) *number += sink_->unsettled(sink_id_, key);
    Cell *cell = findIn(slot, key, hash);
    if (!expires()) expire = 0;
    if (!cell) {
        slot.cells.push_back(Cell{std::string{key}, std::move(value), expire, hash});
        return;
    }
    cell->value = std::move(value);
    cell->expire = expire;
}

void HashTable::applyRemove(std::string_view key) {
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    Cell *cell = findIn(slot, key, hash);
    if (!cell) return;
    if (cell != &slot.cells.back()) *cell = std::move(slot.cells.back());
    slot.cells.pop_back();
}

void HashTable::applyLifetime(std::string_view key, Seconds expire) {
    if (!expires()) return;
    const uint32_t hash = keyHash(key);
    Slot &slot = slotFor(key, hash);
    SlotGuard guard{slot.lock};
    if (Cell *cell = findIn(slot, key, hash)) cell->expire = expire;
}

bool HashTable::replaceAll(std::vector<Cell> cells, std::chrono::milliseconds patience) {
    // Sort the new items into slots first, with no lock held; each slot's vector is sized
    // exactly, so a large load leaves no growth slack behind.
    std::vector<std::vector<Cell>> fresh(spec_.slots);
    std::vector<uint32_t> per_slot(spec_.slots, 0);
    for (Cell &cell : cells) {
        cell.hash = keyHash(cell.name);
        ++per_slot[cell.hash & (spec_.slots - 1)];
    }
    for (uint32_t i = 0; i < spec_.slots; ++i) fresh[i].reserve(per_slot[i]);
    for (Cell &cell : cells) {
        std::vector<Cell> &target = fresh[cell.hash & (spec_.slots - 1)];
        // A later row for the same key replaces the earlier one, as repeated sets would.
        auto same = std::find_if(target.begin(), target.end(), [&](const Cell &c) { return c.name == cell.name; });
        if (same != target.end()) *same = std::move(cell);
        else target.push_back(std::move(cell));
    }
    if (!lockAll(patience)) return false;
    for (uint32_t i = 0; i < spec_.slots; ++i) slots_[i].cells.swap(fresh[i]);
    unlockAll();
    return true; // the old items, now in `fresh`, are freed here without any lock held
}

// Locks every slot in index order without ever waiting on one while holding others for
// long: a slot held by a script (htable.lock) makes us let go of everything and retry, so a
// worker that holds that slot and wants another one cannot deadlock with us.
bool HashTable::lockAll(std::chrono::milliseconds patience) const {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (;;) {
        uint32_t held = 0;
        for (; held < spec_.slots; ++held) {
            bool locked = slots_[held].lock.try_lock();
            for (int spin = 0; !locked && spin < 200; ++spin) {
                std::this_thread::yield();
                locked = slots_[held].lock.try_lock();
            }
            if (!locked) break;
        }
        if (held == spec_.slots) return true;
        while (held > 0) slots_[--held].lock.unlock();
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
}

void HashTable::unlockAll() const {
    for (uint32_t i = 0; i < spec_.slots; ++i) slots_[i].lock.unlock();
}

}  // namespace sipline::htable
