// The SQLite C API for htable's end-to-end test, bound at run time with dlopen: the shared
// e2e target links no SQLite, and the test edits the same file format the plugin reads.
#pragma once

#include <dlfcn.h>
#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sipline::test {

class SqliteApi {
public:
    static const SqliteApi &get() {
        static const SqliteApi api;
        return api;
    }

    // Runs SQL (several statements allowed), creating the file when needed. Throws on error.
    void exec(const std::filesystem::path &file, const std::string &sql) const {
        sqlite3 *db = nullptr;
        if (open_(file.c_str(), &db) != SQLITE_OK) {
            close_(db);
            throw std::runtime_error("cannot open " + file.string());
        }
        char *error = nullptr;
        const int rc = exec_(db, sql.c_str(), nullptr, nullptr, &error);
        const std::string message = error ? error : "";
        free_(error);
        close_(db);
        if (rc != SQLITE_OK) throw std::runtime_error("SQL failed: " + message);
    }

    // The first column of the first row, as text; "" when there is none.
    std::string scalar(const std::filesystem::path &file, const std::string &query) const {
        sqlite3 *db = nullptr;
        std::string out;
        if (open_(file.c_str(), &db) == SQLITE_OK) {
            sqlite3_stmt *statement = nullptr;
            if (prepare_(db, query.c_str(), -1, &statement, nullptr) == SQLITE_OK && step_(statement) == SQLITE_ROW)
                if (const unsigned char *text = column_text_(statement, 0))
                    out = reinterpret_cast<const char *>(text);
            finalize_(statement);
        }
        close_(db);
        return out;
    }

private:
    SqliteApi() {
        library_ = dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!library_) throw std::runtime_error(std::string{"cannot load libsqlite3: "} + dlerror());
        bind(open_, "sqlite3_open");
        bind(exec_, "sqlite3_exec");
        bind(free_, "sqlite3_free");
        bind(close_, "sqlite3_close");
        bind(prepare_, "sqlite3_prepare_v2");
        bind(step_, "sqlite3_step");
        bind(column_text_, "sqlite3_column_text");
        bind(finalize_, "sqlite3_finalize");
    }
    template <class F> void bind(F &function, const char *name) {
        function = reinterpret_cast<F>(dlsym(library_, name));
        if (!function) throw std::runtime_error(std::string{"libsqlite3 has no "} + name);
    }

    void *library_ = nullptr;
    decltype(&sqlite3_open) open_ = nullptr;
    decltype(&sqlite3_exec) exec_ = nullptr;
    decltype(&sqlite3_free) free_ = nullptr;
    decltype(&sqlite3_close) close_ = nullptr;
    decltype(&sqlite3_prepare_v2) prepare_ = nullptr;
    decltype(&sqlite3_step) step_ = nullptr;
    decltype(&sqlite3_column_text) column_text_ = nullptr;
    decltype(&sqlite3_finalize) finalize_ = nullptr;
};

}  // namespace sipline::test
