// SQLite, the embedded default: a file that must exist (a missing file is a start-up error,
// never a silently created empty table).
#pragma once

#include <string>

#include "db_backend.hpp"

namespace sipline::htable {

class SqliteBackend final : public DbBackend {
public:
    explicit SqliteBackend(std::string path) : path_{std::move(path)} {}
    std::string describe() const override { return "sqlite:" + path_; }
    std::vector<DbRow> select(const std::string &table, const std::vector<std::string> &columns) override;
    void replaceRows(const std::string &table, const std::vector<std::string> &columns,
                     const std::vector<std::vector<std::string>> &rows) override;

private:
    std::string path_;
};

}  // namespace sipline::htable
