#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tns/byte_stream.hpp"
#include "tns/oracle_value.hpp"
#include "tns/packet.hpp"

namespace ei::tns {

class TtcReader;

struct ConnectOptions {
  std::string host{};
  int port = 1521;
  std::string sid{};  // the database's SID (CONNECT_DATA=(SID=...))
  std::string user{};
  std::string password{};
  bool tcps = false;      // TLS from the first byte (Oracle's TCPS)
  std::string ca_file{};  // with tcps: the authorities to trust (empty: the system's)
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // per connect, read, write
  std::string program = "elastic-ingest";
};

using Row = std::vector<Value>;

// A session with an Oracle Database over Oracle Net, in the "thin" way: no Oracle software,
// the protocol spoken here. TNS packets carry TTC messages; the session negotiates TNS 3.15+
// and the TTC field version of 12.1, logs on with O5LOGON and the 12c verifier, and runs
// queries whose rows are fetched in batches as the caller asks. One call at a time; every
// failure throws TnsError.
class Connection {
 public:
  Connection(boost::asio::any_io_executor executor, ConnectOptions options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  boost::asio::awaitable<void> connect();

  // Parses and executes `sql` and returns its columns (none for a statement without rows).
  // A result still open is closed first.
  boost::asio::awaitable<std::vector<Column>> execute(std::string sql);

  // Up to `max_rows` more rows of the open result; empty once it is exhausted.
  boost::asio::awaitable<std::vector<Row>> fetch(std::size_t max_rows);

  // A round trip (Oracle's ping call).
  boost::asio::awaitable<void> ping();

  // Logs off and closes the socket (a failure to log off still closes it).
  boost::asio::awaitable<void> close();

  bool connected() const { return stream_ != nullptr; }
  bool in_result() const { return more_rows_; }
  // The server's version (AUTH_VERSION_NO), e.g. "19.3.0.0.0", once logged on.
  const std::string& server_version() const { return server_version_; }
  // "Oracle at host:port": the start of every error message.
  const std::string& where() const { return where_; }

 private:
  struct Response;

  boost::asio::awaitable<void> negotiate_connection();
  boost::asio::awaitable<void> negotiate_protocol();
  boost::asio::awaitable<void> negotiate_data_types();
  boost::asio::awaitable<void> log_on();

  boost::asio::awaitable<Packet> read_packet();
  boost::asio::awaitable<void> send_packet(PacketType type, std::string_view body,
                                           std::uint8_t flags = 0);
  boost::asio::awaitable<void> send_message(std::string_view message);
  boost::asio::awaitable<void> receive_more();
  boost::asio::awaitable<void> reset_after_break();
  boost::asio::awaitable<void> read_response(Response& response);
  // Parses one message of a response into `response` (its end: `response.ended`).
  void parse_message(TtcReader& reader, Response& response);
  void parse_error(TtcReader& reader, Response& response);
  Row parse_row(TtcReader& reader, const Response& response);
  std::vector<Column> parse_describe(TtcReader& reader);
  void start_function(std::string& message, std::uint8_t function);
  std::string execute_message(const std::string& sql, std::uint32_t options,
                              std::uint32_t cursor_id, std::uint32_t rows,
                              const std::vector<Column>* defines);
  [[noreturn]] void fail_protocol(const std::string& what);
  // A call's error: a statement error leaves the session usable, a lost session is dropped.
  [[noreturn]] void fail_call(const Response& response);
  void drop();

  boost::asio::any_io_executor executor_;
  ConnectOptions options_;
  std::string where_;
  std::unique_ptr<ByteStream> stream_;
  bool large_lengths_ = false;  // 32-bit packet lengths (TNS 3.15 and later)
  std::size_t sdu_ = 8192;
  std::uint8_t sequence_ = 0;
  std::uint8_t field_version_ = 0;
  std::string inbox_;  // TTC bytes received and not yet parsed
  std::size_t inbox_position_ = 0;
  std::string server_version_;
  std::uint32_t cursor_id_ = 0;
  std::vector<std::uint32_t> cursors_to_close_;
  std::vector<Column> columns_;
  bool more_rows_ = false;
  bool needs_define_ = false;
  Row previous_row_;
};

}  // namespace ei::tns
