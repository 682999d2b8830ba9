// The database behind `dbtable`, reduced to the two things htable asks of it, so another
// backend (PostgreSQL) is one more class: read some columns of a table in key order, and
// replace a table's rows in one transaction. A connection is opened per call, as Kamailio
// does for load, reload and write-back: nothing is shared between threads.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sipline::htable {

struct DbError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using DbRow = std::vector<std::optional<std::string>>; // nullopt: SQL NULL

class DbBackend {
public:
    virtual ~DbBackend() = default;
    // "sqlite:/var/lib/sipline/htable.db", for messages.
    virtual std::string describe() const = 0;
    // Every row of `columns` from `table`, ordered by the first column (ties in insertion
    // order where the database knows it). Throws DbError.
    virtual std::vector<DbRow> select(const std::string &table, const std::vector<std::string> &columns) = 0;
    // Deletes every row of `table` and inserts `rows`, all or nothing. Throws DbError.
    virtual void replaceRows(const std::string &table, const std::vector<std::string> &columns,
                             const std::vector<std::vector<std::string>> &rows) = 0;
};

// From db_url: "sqlite:PATH", "sqlite://PATH" (so sqlite:///var/x.db is /var/x.db) or a plain
// file path for SQLite; "postgresql://..." (a libpq URI) for PostgreSQL when built with libpq.
// Opens nothing yet. Throws DbError for an unsupported scheme.
std::unique_ptr<DbBackend> makeDbBackend(const std::string &url);

}  // namespace sipline::htable
