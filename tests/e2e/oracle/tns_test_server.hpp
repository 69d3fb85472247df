#pragma once

// The TNS front-end of the Oracle tests (tests/servers/tns) as the e2e_oracle suite meets it:
// its settings, and a database (SID) of the test's own with the user's schema and Oracle's
// dictionary objects. tns_test_server.cpp registers the servers' environments, once.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "e2e/sql_common/pg_backend.hpp"
#include "e2e/sql_common/sql_test_support.hpp"

namespace ei::tns_testing {

constexpr int kPort = 15210;
constexpr int kTlsPort = 15211;
constexpr const char* kUser = "eiora";
constexpr const char* kPassword = "Ei_Ora_Secret_1";

// A throw-away PostgreSQL database named as a SID: the Oracle dictionary and type names (the
// front-end makes them at the first logon; tests create tables of those types before any)
// and the schema of the Oracle user. Dropped when the object goes.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& prefix) : name_(sql_testing::unique_name(prefix)) {
    sql_testing::PgBackend("postgres").exec("CREATE DATABASE " + name_);
    std::ifstream file(std::filesystem::path(EI_SOURCE_DIR) /
                       "tests/servers/tns/oracle_catalogue.sql");
    const std::string catalogue((std::istreambuf_iterator<char>(file)),
                                std::istreambuf_iterator<char>());
    sql_testing::PgBackend backend(name_);
    backend.exec(catalogue);
    backend.exec(std::string("CREATE SCHEMA ") + kUser);
  }
  ~TestDatabase() {
    sql_testing::PgBackend("postgres").exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }

  // A statement in the user's schema: on the Oracle user's tables.
  void exec(const std::string& sql) const {
    sql_testing::PgBackend(name_).exec(std::string("SET search_path = ") + kUser + ", public; " +
                                       sql);
  }

 private:
  std::string name_;
};

}  // namespace ei::tns_testing
