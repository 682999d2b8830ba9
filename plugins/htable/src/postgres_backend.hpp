// PostgreSQL through libpq: db_url is a libpq connection URI (postgresql://user@host/db or
// postgresql:///db?host=/run/postgresql). Built when libpq is found at configure time.
#pragma once

#include <string>

#include "db_backend.hpp"

namespace sipline::htable {

class PostgresBackend final : public DbBackend {
public:
    explicit PostgresBackend(std::string url) : url_{std::move(url)} {}
    std::string describe() const override;
    std::vector<DbRow> select(const std::string &table, const std::vector<std::string> &columns) override;
    void replaceRows(const std::string &table, const std::vector<std::string> &columns,
                     const std::vector<std::vector<std::string>> &rows) override;

private:
    std::string url_;
};

}  // namespace sipline::htable
