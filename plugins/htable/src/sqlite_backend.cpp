#include "sqlite_backend.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>

namespace sipline::htable {
namespace {

constexpr int kBusyTimeoutMs = 5000; // another process (sqlite3 CLI, a test) may hold a lock

struct CloseDb {
    void operator()(sqlite3 *db) const noexcept { sqlite3_close_v2(db); }
};
struct FinalizeStatement {
    void operator()(sqlite3_stmt *statement) const noexcept { sqlite3_finalize(statement); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

std::string quoted(const std::string &identifier) { return "\"" + identifier + "\""; }

Db open(const std::string &path, int flags) {
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        throw DbError{"the SQLite database file " + path + " does not exist"};
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Db db{raw};
    if (rc != SQLITE_OK)
        throw DbError{"cannot open the SQLite database " + path + ": " +
                      (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))};
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    return db;
}

Statement prepare(sqlite3 *db, const std::string &sql, const std::string &path) {
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK)
        throw DbError{path + ": " + sqlite3_errmsg(db)};
    return Statement{raw};
}

void execute(sqlite3 *db, const std::string &sql, const std::string &path) {
    char *message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        throw DbError{path + ": " + text};
    }
}

std::string columnList(const std::vector<std::string> &columns) {
    std::string out;
    for (const auto &column : columns) out += (out.empty() ? "" : ", ") + quoted(column);
    return out;
}

}  // namespace

std::vector<DbRow> SqliteBackend::select(const std::string &table, const std::vector<std::string> &columns) {
    Db db = open(path_, SQLITE_OPEN_READONLY);
    // rowid breaks ties, so the rows of an array key keep the order they were inserted in.
    const std::string sql = "SELECT " + columnList(columns) + " FROM " + quoted(table) + " ORDER BY " +
                            quoted(columns.front()) + ", rowid";
    Statement statement = prepare(db.get(), sql, path_);
    std::vector<DbRow> rows;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        DbRow row(columns.size());
        for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
            if (sqlite3_column_type(statement.get(), i) == SQLITE_NULL) continue;
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement.get(), i));
            row[static_cast<size_t>(i)] = std::string{text ? text : "",
                                                      static_cast<size_t>(sqlite3_column_bytes(statement.get(), i))};
        }
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) throw DbError{path_ + ": " + sqlite3_errmsg(db.get())};
    return rows;
}

void SqliteBackend::replaceRows(const std::string &table, const std::vector<std::string> &columns,
                                const std::vector<std::vector<std::string>> &rows) {
    Db db = open(path_, SQLITE_OPEN_READWRITE);
    execute(db.get(), "BEGIN IMMEDIATE", path_);
    try {
        execute(db.get(), "DELETE FROM " + quoted(table), path_);
        std::string placeholders;
        for (size_t i = 0; i < columns.size(); ++i) placeholders += i ? ", ?" : "?";
        Statement insert = prepare(db.get(), "INSERT INTO " + quoted(table) + " (" + columnList(columns) +
                                                 ") VALUES (" + placeholders + ")",
                                   path_);
        for (const auto &row : rows) {
            for (size_t i = 0; i < row.size(); ++i)
                sqlite3_bind_text(insert.get(), static_cast<int>(i + 1), row[i].data(), static_cast<int>(row[i].size()),
                                  SQLITE_TRANSIENT);
            if (sqlite3_step(insert.get()) != SQLITE_DONE) throw DbError{path_ + ": " + sqlite3_errmsg(db.get())};
            sqlite3_reset(insert.get());
        }
        execute(db.get(), "COMMIT", path_);
    } catch (...) {
        sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace sipline::htable
