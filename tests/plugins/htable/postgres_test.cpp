// The PostgreSQL backend against a real server started for these tests: load, store, reload
// through the instance, and clear errors.
#include <libpq-fe.h>

#include <memory>

#include <gtest/gtest.h>

#include "db_table.hpp"
#include "instance_fixture.hpp"
#include "postgres_backend.hpp"
#include "postgres_server.hpp"

namespace htable_test {
namespace {

using namespace sipline::htable;

class Postgres : public InstanceTest {
protected:
    static void SetUpTestSuite() { server = std::make_unique<PostgresServer>(); }
    static void TearDownTestSuite() { server.reset(); }
    void SetUp() override {
        ASSERT_TRUE(server->available()) << "no PostgreSQL server: " << server->why();
        exec("SET client_min_messages = warning; DROP TABLE IF EXISTS htable; CREATE TABLE htable (id SERIAL PRIMARY KEY, "
             "key_name VARCHAR(64) NOT NULL DEFAULT '', key_type INTEGER NOT NULL DEFAULT 0, "
             "value_type INTEGER NOT NULL DEFAULT 0, key_value VARCHAR(128) NOT NULL DEFAULT '', "
             "expires INTEGER NOT NULL DEFAULT 0)");
    }
    static std::string exec(const std::string &sql) {
        PGconn *connection = PQconnectdb(server->url().c_str());
        PGresult *result = PQexec(connection, sql.c_str());
        std::string out;
        if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) out = PQgetvalue(result, 0, 0);
        else if (PQresultStatus(result) != PGRES_COMMAND_OK)
            ADD_FAILURE() << PQerrorMessage(connection);
        PQclear(result);
        PQfinish(connection);
        return out;
    }
    static TableSpec spec() {
        TableSpec s;
        s.name = "t";
        s.dbtable = "htable";
        return s;
    }
    static inline std::unique_ptr<PostgresServer> server;
};

// One server start per test process (initdb takes seconds): the backend checks share a test.
TEST_F(Postgres, LoadsStoresAndNamesErrors) {
    exec("INSERT INTO htable (key_name, key_type, value_type, key_value) VALUES "
         "('course', 1, 0, 'math'), ('alice', 0, 1, '42'), ('course', 1, 0, 'physics')");
    auto db = makeDbBackend(server->url());
    const auto cells = loadCells(*db, spec(), {}, kT0);
    ASSERT_EQ(cells.size(), 4u);
    EXPECT_EQ(cells[0].name, "alice");
    EXPECT_EQ(cells[0].value, CellValue{int64_t{42}});
    EXPECT_EQ(cells[1].name, "course[0]");
    EXPECT_EQ(cells[1].value, CellValue{std::string{"math"}});
    EXPECT_EQ(cells[2].value, CellValue{std::string{"physics"}});
    EXPECT_EQ(cells[3].name, "course::size");

    storeItems(*db, spec(), {}, {Item{"a", int64_t{5}, 0}, Item{"b", std::string{"it's"}, 0}});
    EXPECT_EQ(exec("SELECT COUNT(*) FROM htable"), "2");
    EXPECT_EQ(exec("SELECT key_value FROM htable WHERE key_name = 'b'"), "it's");
    EXPECT_EQ(exec("SELECT value_type FROM htable WHERE key_name = 'a'"), "1");

    TableSpec missing = spec();
    missing.dbtable = "nosuch";
    try {
        loadCells(*db, missing, {}, kT0);
        FAIL() << "loaded a missing table";
    } catch (const DbError &e) {
        EXPECT_NE(std::string{e.what()}.find("relation \"nosuch\" does not exist"), std::string::npos) << e.what();
    }
    EXPECT_NE(refusal(R"({"db_url": "postgresql:///nodb?host=/nonexistent", "tables": [{"name": "t", "dbtable": "htable"}]})")
                  .find("cannot connect to postgresql:///nodb"),
              std::string::npos);
    EXPECT_EQ(PostgresBackend{"postgresql://user:secret@db.example/x"}.describe(), "postgresql://user:***@db.example/x");
}

TEST_F(Postgres, ReloadsAndWritesBackThroughTheInstance) {
    exec("INSERT INTO htable (key_name, value_type, key_value) VALUES ('10.0.0.1', 1, '1')");
    make(R"({"db_url": ")" + server->url() + R"(", "tables": [{"name": "ipban", "dbtable": "htable", "dbmode": 1}]})");
    plugin->start();
    EXPECT_EQ(sht("ipban=>10.0.0.1"), Read{int64_t{1}});
    exec("INSERT INTO htable (key_name, key_value) VALUES ('10.0.0.2', 'x')");
    ASSERT_TRUE(rpc<&HtablePlugin::rpcReload>(R"(["ipban"])").result);
    EXPECT_EQ(sht("ipban=>10.0.0.2"), Read{std::string{"x"}});
    assign("ipban=>10.0.0.1", null());
    plugin->stop();
    EXPECT_EQ(exec("SELECT string_agg(key_name, ',') FROM htable"), "10.0.0.2");
}

}  // namespace
}  // namespace htable_test
