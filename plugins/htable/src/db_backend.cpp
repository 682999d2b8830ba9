#include "db_backend.hpp"

#include "sqlite_backend.hpp"
#ifdef SIPLINE_HTABLE_WITH_POSTGRES
#include "postgres_backend.hpp"
#endif

namespace sipline::htable {

std::unique_ptr<DbBackend> makeDbBackend(const std::string &url) {
    std::string_view rest = url;
    if (rest.starts_with("postgres://") || rest.starts_with("postgresql://")) {
#ifdef SIPLINE_HTABLE_WITH_POSTGRES
        return std::make_unique<PostgresBackend>(url);
#else
        throw DbError{"db_url: this htable.so was built without PostgreSQL (libpq)"};
#endif
    }
    if (rest.starts_with("sqlite://")) rest.remove_prefix(9);
    else if (rest.starts_with("sqlite:")) rest.remove_prefix(7);
    else if (const size_t colon = rest.find("://"); colon != std::string_view::npos)
        throw DbError{"db_url \"" + url + "\": unsupported database \"" + std::string{rest.substr(0, colon)} +
                      "\" (supported: sqlite, postgresql)"};
    if (rest.empty()) throw DbError{"db_url \"" + url + "\" names no file"};
    return std::make_unique<SqliteBackend>(std::string{rest});
}

}  // namespace sipline::htable
