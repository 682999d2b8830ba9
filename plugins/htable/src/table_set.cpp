#include "table_set.hpp"

#include <malloc.h>

namespace sipline::htable {

TableSet::TableSet(const HtableConfig &config, Seconds now) : layout_{config.layout} {
    if (!config.db_url.empty()) db_ = makeDbBackend(config.db_url);
    for (const TableSpec &spec : config.tables) {
        auto table = std::make_unique<HashTable>(spec);
        ordered_.push_back(table.get());
        tables_.emplace(spec.name, std::move(table));
    }
    for (HashTable *table : ordered_) {
        if (table->spec().dbtable.empty()) continue;
        table->replaceAll(loadCells(*db_, table->spec(), layout_, now), kReloadPatience);
        // The rows read from the database are freed by now: give their pages back, or a
        // large load would leave the daemon's RSS at its peak for good.
        ::malloc_trim(0);
        if (table->spec().reloadat > 0) next_reload_[table] = now + table->spec().reloadat;
    }
}

HashTable *TableSet::find(std::string_view name) const noexcept {
    const auto found = tables_.find(name);
    return found == tables_.end() ? nullptr : found->second.get();
}

bool TableSet::anyExpires() const noexcept {
    for (const HashTable *table : ordered_)
        if (table->expires() || table->spec().reloadat > 0) return true;
    return false;
}

void TableSet::reload(HashTable &table, Seconds now) {
    if (!db_) throw DbError{"No htable db_url"};
    if (table.spec().dbtable.empty()) throw DbError{"table \"" + table.spec().name + "\" has no dbtable"};
    if (!table.replaceAll(loadCells(*db_, table.spec(), layout_, now), kReloadPatience))
        throw DbError{"table \"" + table.spec().name + "\": a slot stayed locked (htable.lock without unlock?)"};
}

void TableSet::store(const HashTable &table, Seconds now) {
    if (!db_) throw DbError{"No htable db_url"};
    if (table.spec().dbtable.empty()) throw DbError{"table \"" + table.spec().name + "\" has no dbtable"};
    storeItems(*db_, table.spec(), layout_, table.liveItems(now));
}

size_t TableSet::housekeeping(Seconds now, std::string *errors) {
    size_t purged = 0;
    for (HashTable *table : ordered_) purged += table->removeExpired(now);
    for (auto &[table, due] : next_reload_) {
        if (now < due) continue;
        due = now + table->spec().reloadat;
        try {
            reload(*table, now);
        } catch (const DbError &e) {
            if (errors) *errors += std::string{errors->empty() ? "" : "; "} + "reloadat: " + e.what();
        }
    }
    return purged;
}

}  // namespace sipline::htable
