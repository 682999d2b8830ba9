#include "sqlite_source.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace sipline::dispatcher {
namespace {

std::string quoted(const std::string &identifier) {
    std::string out = "\"";
    for (const char c : identifier) out += c == '"' ? std::string{"\"\""} : std::string{c};
    return out + "\"";
}

std::string textColumn(sqlite3_stmt *statement, int column) {
    const auto *text = sqlite3_column_text(statement, column);
    return text ? std::string{reinterpret_cast<const char *>(text), static_cast<size_t>(sqlite3_column_bytes(statement, column))}
                : std::string{};
}

}  // namespace

std::string sqlitePathOf(const std::string &db_url) {
    if (db_url.rfind("sqlite:///", 0) == 0) return db_url.substr(9);
    if (db_url.rfind("sqlite://", 0) == 0) return db_url.substr(9);
    if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7);
    return db_url;
}

TableLoad loadSqliteTable(const std::string &path, const TableColumns &columns) {
    TableLoad out;
    if (!std::filesystem::exists(path)) {
        out.error = "database file '" + path + "' does not exist";
        return out;
    }
    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        out.error = "cannot open '" + path + "': " + (raw ? sqlite3_errmsg(raw) : "out of memory");
        sqlite3_close(raw);
        return out;
    }
    const std::unique_ptr<sqlite3, int (*)(sqlite3 *)> db{raw, sqlite3_close};
    sqlite3_busy_timeout(db.get(), 2000);
    std::string sql = "SELECT " + quoted(columns.setid) + ", " + quoted(columns.destination) + ", " +
                      quoted(columns.flags) + ", " + quoted(columns.priority) + ", " + quoted(columns.attrs);
    for (const auto &[name, column] : columns.extra) sql += ", " + quoted(column);
    sql += " FROM " + quoted(columns.table);
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        out.error = "cannot read table '" + columns.table + "' of '" + path + "': " + sqlite3_errmsg(db.get());
        return out;
    }
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> guard{statement, sqlite3_finalize};
    int row_number = 0;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        ++row_number;
        ListRow row;
        row.origin = columns.table + " row " + std::to_string(row_number);
        row.setid = sqlite3_column_int64(statement, 0);
        row.destination = textColumn(statement, 1);
        row.flags = static_cast<uint32_t>(sqlite3_column_int64(statement, 2));
        row.priority = sqlite3_column_int(statement, 3);
        row.attrs = textColumn(statement, 4);
        for (size_t i = 0; i < columns.extra.size(); ++i) {
            if (!row.attrs.empty() && row.attrs.back() != ';') row.attrs += ';';
            row.attrs += columns.extra[i].first + "=" + textColumn(statement, static_cast<int>(5 + i));
        }
        out.rows.push_back(std::move(row));
    }
    if (step != SQLITE_DONE) out.error = "reading '" + columns.table + "' failed: " + sqlite3_errmsg(db.get());
    return out;
}

}  // namespace sipline::dispatcher
