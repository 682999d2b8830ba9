#include "postgres_backend.hpp"

#include <libpq-fe.h>

#include <memory>

namespace sipline::htable {
namespace {

struct Finish {
    void operator()(PGconn *connection) const noexcept { PQfinish(connection); }
};
struct Clear {
    void operator()(PGresult *result) const noexcept { PQclear(result); }
};
using Connection = std::unique_ptr<PGconn, Finish>;
using Result = std::unique_ptr<PGresult, Clear>;

std::string quoted(const std::string &identifier) { return "\"" + identifier + "\""; }

std::string columnList(const std::vector<std::string> &columns) {
    std::string out;
    for (const auto &column : columns) out += (out.empty() ? "" : ", ") + quoted(column);
    return out;
}

// libpq's messages end with a newline; ours are one line.
std::string message(const char *text) {
    std::string out = text ? text : "unknown error";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace

std::string PostgresBackend::describe() const {
    // Never print a password that the URI may carry.
    const size_t scheme = url_.find("://");
    const size_t at = url_.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return url_;
    const size_t colon = url_.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return url_;
    return url_.substr(0, colon) + ":***" + url_.substr(at);
}

namespace {

Connection connect(const std::string &url, const std::string &label) {
    Connection connection{PQconnectdb(url.c_str())};
    if (!connection || PQstatus(connection.get()) != CONNECTION_OK)
        throw DbError{"cannot connect to " + label + ": " +
                      message(connection ? PQerrorMessage(connection.get()) : "out of memory")};
    return connection;
}

Result run(PGconn *connection, const std::string &sql, ExecStatusType expected, const std::string &label) {
    Result result{PQexec(connection, sql.c_str())};
    if (!result || PQresultStatus(result.get()) != expected)
        throw DbError{label + ": " + message(PQerrorMessage(connection))};
    return result;
}

}  // namespace

std::vector<DbRow> PostgresBackend::select(const std::string &table, const std::vector<std::string> &columns) {
    const std::string label = describe();
    Connection connection = connect(url_, label);
    // ctid breaks ties: the rows of an array key come in the order they were stored.
    const Result result = run(connection.get(),
                              "SELECT " + columnList(columns) + " FROM " + quoted(table) + " ORDER BY " +
                                  quoted(columns.front()) + ", ctid",
                              PGRES_TUPLES_OK, label);
    std::vector<DbRow> rows;
    const int count = PQntuples(result.get());
    rows.reserve(static_cast<size_t>(count));
    for (int r = 0; r < count; ++r) {
        DbRow row(columns.size());
        for (int c = 0; c < static_cast<int>(columns.size()); ++c)
            if (!PQgetisnull(result.get(), r, c))
                row[static_cast<size_t>(c)] = std::string{PQgetvalue(result.get(), r, c),
                                                          static_cast<size_t>(PQgetlength(result.get(), r, c))};
        rows.push_back(std::move(row));
    }
    return rows;
}

void PostgresBackend::replaceRows(const std::string &table, const std::vector<std::string> &columns,
                                  const std::vector<std::vector<std::string>> &rows) {
    const std::string label = describe();
    Connection connection = connect(url_, label);
    run(connection.get(), "BEGIN", PGRES_COMMAND_OK, label);
    try {
        run(connection.get(), "DELETE FROM " + quoted(table), PGRES_COMMAND_OK, label);
        std::string placeholders;
        for (size_t i = 0; i < columns.size(); ++i) placeholders += (i ? ", $" : "$") + std::to_string(i + 1);
        const Result prepared{PQprepare(connection.get(), "htable_insert",
                                        ("INSERT INTO " + quoted(table) + " (" + columnList(columns) + ") VALUES (" +
                                         placeholders + ")")
                                            .c_str(),
                                        static_cast<int>(columns.size()), nullptr)};
        if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
            throw DbError{label + ": " + message(PQerrorMessage(connection.get()))};
        std::vector<const char *> values(columns.size());
        for (const auto &row : rows) {
            for (size_t i = 0; i < row.size(); ++i) values[i] = row[i].c_str();
            const Result inserted{PQexecPrepared(connection.get(), "htable_insert", static_cast<int>(row.size()),
                                                 values.data(), nullptr, nullptr, 0)};
            if (!inserted || PQresultStatus(inserted.get()) != PGRES_COMMAND_OK)
                throw DbError{label + ": " + message(PQerrorMessage(connection.get()))};
        }
        run(connection.get(), "COMMIT", PGRES_COMMAND_OK, label);
    } catch (...) {
        PQclear(PQexec(connection.get(), "ROLLBACK"));
        throw;
    }
}

}  // namespace sipline::htable
