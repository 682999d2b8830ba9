// Every table of the instance, by name, plus the database they load from and write back to.
// The set of tables is fixed once constructed; only their contents change.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db_backend.hpp"
#include "db_table.hpp"
#include "hash_table.hpp"
#include "htable_config.hpp"

namespace sipline::htable {

class TableSet {
public:
    // Creates the tables and loads those with dbtable. Throws DbError naming the table and
    // the database when a load fails (missing file, not a database, missing table, bad row).
    TableSet(const HtableConfig &config, Seconds now);

    HashTable *find(std::string_view name) const noexcept;
    const std::vector<HashTable *> &inOrder() const noexcept { return ordered_; } // as configured
    bool anyExpires() const noexcept;
    bool hasDatabase() const noexcept { return db_ != nullptr; }

    // Loads the table's rows into a new item set and swaps it in with all slots locked.
    // Throws DbError (nothing changed then).
    void reload(HashTable &table, Seconds now);
    // Writes the table's live items to its dbtable, replacing the rows. Throws DbError.
    void store(const HashTable &table, Seconds now);

    // [timer] Purges expired items and runs due `reloadat` reloads. Returns purged items.
    size_t housekeeping(Seconds now, std::string *errors);

private:
    std::map<std::string, std::unique_ptr<HashTable>, std::less<>> tables_;
    std::vector<HashTable *> ordered_;
    std::unique_ptr<DbBackend> db_;
    DbLayout layout_;
    std::map<HashTable *, Seconds> next_reload_; // reloadat tables; touched by the timer only
};

inline constexpr std::chrono::milliseconds kReloadPatience{5000};

}  // namespace sipline::htable
