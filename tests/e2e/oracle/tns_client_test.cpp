// Our Oracle Net client (src/tns) against the TNS front-end of tests/servers/tns, which
// python-oracledb's thin mode (Oracle's own driver) proves first (TnsFrontEnd.IndependentClient):
// logon with O5LOGON and the 12c verifier, typed rows fetched in batches, CLOB and BLOB read
// through a define, ORA- errors, TCPS with and without a trusted certificate, a refused SID,
// and a server that stops in the middle of a result.

#include <boost/asio/io_context.hpp>

#include "core/run_to_completion.hpp"
#include "e2e/oracle/tns_test_server.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "tns/connection.hpp"
#include "tns/tns_error.hpp"

namespace ei::tns {
namespace {

namespace asio = boost::asio;

using tns_testing::kPassword;
using tns_testing::kPort;
using tns_testing::kTlsPort;
using tns_testing::kUser;

class TnsClientTest : public ::testing::Test {
 protected:
  void SetUp() override { database_ = std::make_unique<tns_testing::TestDatabase>("eitns"); }
  void exec(const std::string& sql) { database_->exec(sql); }

  ConnectOptions options() const {
    ConnectOptions options;
    options.host = "127.0.0.1";
    options.port = kPort;
    options.sid = database_->name();
    options.user = kUser;
    options.password = kPassword;
    return options;
  }
  template <typename T>
  T run(asio::awaitable<T> work) {
    return core::run_to_completion(io_, std::move(work));
  }
  std::vector<Row> fetch_all(Connection& connection, std::size_t batch) {
    std::vector<Row> rows;
    while (true) {
      auto more = run(connection.fetch(batch));
      if (more.empty()) return rows;
      EXPECT_LE(more.size(), batch);
      for (auto& row : more) rows.push_back(std::move(row));
    }
  }

  asio::io_context io_;
  std::unique_ptr<tns_testing::TestDatabase> database_;
};

TEST_F(TnsClientTest, LogsOnAndReadsEveryTypeItMaps) {
  exec(
      "CREATE TABLE typed (id int PRIMARY KEY, name varchar(50), national nvarchar2, code "
      "char(3), amount numeric(12,3), big bigint, ratio double precision, note text, body clob, "
      "data bytea, picture blob, day date, moment timestamp, stamp timestamptz)");
  exec(
      "INSERT INTO typed VALUES (1, 'Zoë', 'ü€𝄞', 'ab', 1234.567, 9000000000, 0.5, repeat('n', "
      "70000), repeat('c', 40000), '\\x00ff', decode(repeat('ab', 5000), 'hex'), '2024-02-29', "
      "'2024-02-29 13:14:15.123456', '2024-05-06 07:08:09.5+02'), (2, NULL, NULL, NULL, NULL, "
      "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), (3, 'x', 'y', 'z', -0.001, -1, "
      "-0.125, 's', 't', '\\x01', '\\x02', '0001-01-01', '9999-12-31 23:59:59.999999', "
      "'2000-01-01 00:00:00+00')");
  Connection connection(io_.get_executor(), options());
  run(connection.connect());
  EXPECT_EQ(connection.server_version(), "19.3.0.0.0");
  const auto columns = run(connection.execute("SELECT * FROM typed ORDER BY id"));
  ASSERT_EQ(columns.size(), 14u);
  EXPECT_EQ(columns[0].name, "ID");
  EXPECT_EQ(columns[0].ora_type, static_cast<std::uint8_t>(OracleType::number));
  EXPECT_EQ(columns[2].charset_form, kCharsetFormNchar);
  EXPECT_EQ(columns[7].ora_type, static_cast<std::uint8_t>(OracleType::long_text));
  EXPECT_EQ(columns[8].ora_type, static_cast<std::uint8_t>(OracleType::clob));
  EXPECT_EQ(columns[10].ora_type, static_cast<std::uint8_t>(OracleType::blob));
  const auto rows = fetch_all(connection, 2);
  ASSERT_EQ(rows.size(), 3u);
  const Row& first = rows[0];
  EXPECT_EQ(first[0], Value(OracleNumber{"1", true}));
  EXPECT_EQ(first[1], Value(std::string("Zoë")));
  EXPECT_EQ(first[2], Value(std::string("ü€𝄞")));  // NVARCHAR2 in UTF-16, a surrogate pair
  EXPECT_EQ(first[3], Value(std::string("ab ")));  // CHAR(3) is blank-padded
  EXPECT_EQ(first[4], Value(OracleNumber{"1234.567", false}));
  EXPECT_EQ(first[5], Value(OracleNumber{"9000000000", true}));
  EXPECT_EQ(first[6], Value(0.5));
  EXPECT_EQ(first[7], Value(std::string(70000, 'n')));  // LONG over many packets
  EXPECT_EQ(first[8], Value(std::string(40000, 'c')));  // CLOB, defined as LONG
  EXPECT_EQ(first[9], Value(OracleBinary{std::string("\0\xff", 2)}));
  std::string picture;
  for (int i = 0; i < 5000; ++i) picture += '\xab';
  EXPECT_EQ(first[10], Value(OracleBinary{picture}));
  EXPECT_EQ(first[11], Value(OracleDateTime{2024, 2, 29, 0, 0, 0, 0, std::nullopt}));
  EXPECT_EQ(first[12], Value(OracleDateTime{2024, 2, 29, 13, 14, 15, 123456000, std::nullopt}));
  // WITH TIME ZONE: the UTC time and the session's offset (the PostgreSQL session's, UTC).
  EXPECT_EQ(first[13], Value(OracleDateTime{2024, 5, 6, 5, 8, 9, 500000000, 0}));
  for (std::size_t i = 1; i < rows[1].size(); ++i) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(rows[1][i])) << "column " << i;
  }
  EXPECT_EQ(rows[2][4], Value(OracleNumber{"-0.001", false}));
  EXPECT_EQ(rows[2][5], Value(OracleNumber{"-1", true}));
  EXPECT_EQ(rows[2][6], Value(-0.125));
  EXPECT_EQ(rows[2][11], Value(OracleDateTime{1, 1, 1, 0, 0, 0, 0, std::nullopt}));
  EXPECT_EQ(rows[2][12], Value(OracleDateTime{9999, 12, 31, 23, 59, 59, 999999000, std::nullopt}));
  EXPECT_FALSE(connection.in_result());
  run(connection.close());
  EXPECT_FALSE(connection.connected());
}

TEST_F(TnsClientTest, FetchesLargeResultsInTheBatchesAskedForAndRunsTheSourcesQueries) {
  exec("CREATE TABLE many (id int PRIMARY KEY, name varchar(20))");
  exec("INSERT INTO many SELECT i, 'row ' || i FROM generate_series(1, 5000) i");
  Connection connection(io_.get_executor(), options());
  run(connection.connect());
  run(connection.execute("SELECT id, name FROM many ORDER BY id"));
  const auto rows = fetch_all(connection, 333);
  ASSERT_EQ(rows.size(), 5000u);
  EXPECT_EQ(rows[4999][1], Value(std::string("row 5000")));

  // A new query while a result is open closes it first.
  run(connection.execute("SELECT id FROM many ORDER BY id"));
  EXPECT_EQ(run(connection.fetch(10)).size(), 10u);
  run(connection.execute("SELECT COUNT(*) FROM many"));
  EXPECT_EQ(fetch_all(connection, 10), (std::vector<Row>{{OracleNumber{"5000", true}}}));

  run(connection.execute("SELECT 1+1 FROM DUAL"));
  EXPECT_EQ(fetch_all(connection, 10), (std::vector<Row>{{OracleNumber{"2", true}}}));
  run(connection.execute("SELECT TABLE_NAME FROM all_tables where OWNER = 'EIORA'"));
  EXPECT_EQ(fetch_all(connection, 10), (std::vector<Row>{{std::string("MANY")}}));
  run(connection.execute(
      "SELECT cols.column_name FROM all_constraints cons, all_cons_columns cols WHERE "
      "cols.table_name = 'MANY' AND cons.constraint_type = 'P' AND cons.constraint_name = "
      "cols.constraint_name AND cons.owner = 'EIORA' AND cons.owner = cols.owner ORDER BY "
      "cols.table_name, cols.position"));
  EXPECT_EQ(fetch_all(connection, 10), (std::vector<Row>{{std::string("ID")}}));
  run(connection.execute("SELECT SCN_TO_TIMESTAMP(MAX(ora_rowscn)) from many"));
  const auto stamp = fetch_all(connection, 10);
  ASSERT_EQ(stamp.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<OracleDateTime>(stamp[0][0]));
  run(connection.ping());
  run(connection.close());
}

TEST_F(TnsClientTest, AStatementErrorIsAnOraErrorAndTheSessionGoesOn) {
  exec("CREATE TABLE t (id int PRIMARY KEY)");
  Connection connection(io_.get_executor(), options());
  run(connection.connect());
  try {
    run(connection.execute("SELECT * FROM no_such_table"));
    ADD_FAILURE() << "an unknown table was read";
  } catch (const TnsError& error) {
    EXPECT_EQ(error.kind(), TnsError::Kind::statement);
    EXPECT_EQ(error.ora_code(), 942);
    EXPECT_THAT(error.what(), ::testing::StartsWith("Oracle at 127.0.0.1:15210: ORA-00942: "));
  }
  EXPECT_TRUE(connection.connected());
  // A column of a type this client does not read fails its statement before any row.
  try {
    run(connection.execute("SELECT INTERVAL '1 day' AS took FROM DUAL"));
    ADD_FAILURE() << "an interval was read";
  } catch (const TnsError& error) {
    EXPECT_EQ(error.kind(), TnsError::Kind::statement);
    EXPECT_THAT(error.what(), ::testing::EndsWith(": column TOOK has the type INTERVAL DAY TO "
                                                  "SECOND, which this client does not read"));
  }
  EXPECT_FALSE(connection.in_result());
  run(connection.execute("SELECT COUNT(*) FROM t"));
  EXPECT_EQ(fetch_all(connection, 10), (std::vector<Row>{{OracleNumber{"0", true}}}));
  run(connection.close());
}

TEST_F(TnsClientTest, AWrongPasswordAnUnknownUserAndAnUnknownSidAreRefusedByName) {
  auto refused = [this](ConnectOptions options, TnsError::Kind kind, const std::string& text) {
    Connection connection(io_.get_executor(), std::move(options));
    try {
      run(connection.connect());
      ADD_FAILURE() << "connected: " << text;
    } catch (const TnsError& error) {
      EXPECT_EQ(error.kind(), kind) << error.what();
      EXPECT_THAT(error.what(), ::testing::HasSubstr(text));
    }
    EXPECT_FALSE(connection.connected());
  };
  auto wrong = options();
  wrong.password = "not-the-password";
  refused(wrong, TnsError::Kind::logon, "ORA-01017: invalid username/password; logon denied");
  auto nobody = options();
  nobody.user = "nobody";
  refused(nobody, TnsError::Kind::logon, "ORA-01017");
  auto unknown = options();
  unknown.sid = "ei_no_such_sid";
  refused(unknown, TnsError::Kind::refused,
          "Oracle at 127.0.0.1:15210: the listener refused the connection (TNS-12505): it knows "
          "of no SID 'ei_no_such_sid'");
  auto closed = options();
  closed.port = 1;
  refused(closed, TnsError::Kind::connection, "Oracle at 127.0.0.1:1: cannot connect: ");
}

// The front-end's TCPS certificate names `localhost` only (tests/servers/tns/start).
TEST_F(TnsClientTest, TcpsVerifiesTheAuthorityAndTheHostName) {
  exec("CREATE TABLE t (id int PRIMARY KEY)");
  exec("INSERT INTO t VALUES (7)");
  const std::string ca = std::string(EI_SOURCE_DIR) + "/.cache/test-servers/tns-15210-ca.pem";
  auto tls = options();
  tls.tcps = true;
  tls.port = kTlsPort;
  tls.host = "localhost";
  tls.ca_file = ca;
  Connection secure(io_.get_executor(), tls);
  run(secure.connect());
  run(secure.execute("SELECT id FROM t"));
  EXPECT_EQ(fetch_all(secure, 10), (std::vector<Row>{{OracleNumber{"7", true}}}));
  run(secure.close());

  auto refused = [this](ConnectOptions options) {
    Connection connection(io_.get_executor(), options);
    try {
      run(connection.connect());
      ADD_FAILURE() << "connected to " << options.host;
    } catch (const TnsError& error) {
      EXPECT_EQ(error.kind(), TnsError::Kind::connection);
      EXPECT_THAT(error.what(), ::testing::HasSubstr("the TLS handshake failed"));
    }
  };
  auto wrong_name = tls;
  wrong_name.host = "127.0.0.1";
  refused(wrong_name);
  auto untrusted = tls;
  untrusted.ca_file.clear();  // the system's store: the test authority is not in it
  refused(untrusted);
}

TEST_F(TnsClientTest, AServerStoppedInTheMiddleOfAResultIsAConnectionError) {
  exec("CREATE TABLE rows (id int PRIMARY KEY, body text)");
  exec("INSERT INTO rows SELECT i, repeat('x', 1000) FROM generate_series(1, 3000) i");
  Connection connection(io_.get_executor(), options());
  run(connection.connect());
  run(connection.execute("SELECT * FROM rows ORDER BY id"));
  EXPECT_EQ(run(connection.fetch(100)).size(), 100u);
  std::string output;
  ASSERT_EQ(
      sql_testing::run_command(std::string(EI_SOURCE_DIR) + "/tests/servers/tns/stop 2>&1", output),
      0)
      << output;
  try {
    while (!run(connection.fetch(100)).empty()) {
    }
    ADD_FAILURE() << "the result went on without its server";
  } catch (const TnsError& error) {
    EXPECT_EQ(error.kind(), TnsError::Kind::connection);
    EXPECT_THAT(error.what(), ::testing::StartsWith("Oracle at 127.0.0.1:15210: "));
  }
  EXPECT_FALSE(connection.connected());
  ASSERT_EQ(sql_testing::run_command(std::string(EI_SOURCE_DIR) + "/tests/servers/tns/start 2>&1",
                                     output),
            0)
      << output;
}

}  // namespace
}  // namespace ei::tns
