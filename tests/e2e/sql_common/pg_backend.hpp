#pragma once

// A blocking libpq connection to the test PostgreSQL (tests/servers/postgresql), for the
// tests' own setup of the databases that the front-ends over it (TDS, TNS) serve: not the
// code under test.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <string>

namespace ei::sql_testing {

class PgBackend {
 public:
  static constexpr const char* kConnection = "host=127.0.0.1 port=15432 user=ei password=ei_secret";

  explicit PgBackend(const std::string& database) {
    conn_ = PQconnectdb((std::string(kConnection) + " dbname=" + database).c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      ADD_FAILURE() << "backend connection: " << PQerrorMessage(conn_);
    }
  }
  ~PgBackend() { PQfinish(conn_); }
  PgBackend(const PgBackend&) = delete;
  PgBackend& operator=(const PgBackend&) = delete;

  // Runs `sql` (several statements may be given); a failure is a test failure naming it.
  void exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    const auto status = PQresultStatus(result);
    EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        << sql << ": " << PQresultErrorMessage(result);
    PQclear(result);
  }

 private:
  PGconn* conn_ = nullptr;
};

}  // namespace ei::sql_testing
