// A SQLite file in a temporary directory with Kamailio's htable schema, filled by tests
// through the C API (the same file the plugin reads).
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace htable_test {

inline constexpr const char *kHtableSchema =
    "CREATE TABLE htable (id INTEGER PRIMARY KEY NOT NULL, key_name VARCHAR(64) DEFAULT '' NOT NULL, "
    "key_type INTEGER DEFAULT 0 NOT NULL, value_type INTEGER DEFAULT 0 NOT NULL, "
    "key_value VARCHAR(128) DEFAULT '' NOT NULL, expires INTEGER DEFAULT 0 NOT NULL)";

class SqliteFile {
public:
    SqliteFile() {
        char pattern[] = "/tmp/htable-test-XXXXXX";
        if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
        path_ = dir_ / "htable.db";
    }
    ~SqliteFile() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    SqliteFile(const SqliteFile &) = delete;
    SqliteFile &operator=(const SqliteFile &) = delete;

    const std::string path() const { return path_.string(); }
    std::filesystem::path dir() const { return dir_; }

    // Runs SQL (several statements allowed), creating the file if needed.
    void exec(const std::string &sql) const {
        sqlite3 *db = nullptr;
        if (sqlite3_open(path().c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path());
        char *error = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
        const std::string message = error ? error : "";
        sqlite3_free(error);
        sqlite3_close(db);
        if (rc != SQLITE_OK) throw std::runtime_error("SQL failed: " + message + " in " + sql);
    }
    // The first column of the first row of a query, as text ("" when none).
    std::string scalar(const std::string &sql) const {
        sqlite3 *db = nullptr;
        sqlite3_open(path().c_str(), &db);
        sqlite3_stmt *statement = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
            out = reinterpret_cast<const char *>(sqlite3_column_text(statement, 0));
        sqlite3_finalize(statement);
        sqlite3_close(db);
        return out;
    }
    void createSchema() const { exec(kHtableSchema); }

private:
    std::filesystem::path dir_;
    std::filesystem::path path_;
};

}  // namespace htable_test
