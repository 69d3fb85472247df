#pragma once

// The control API of the REST test servers (tests/servers/rest/rest_handler.py): fault rules,
// data changes between syncs, request statistics.

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "core/run_to_completion.hpp"
#include "e2e/sql_common/sql_test_support.hpp"
#include "http/client.hpp"

namespace ei::rest_testing {

class RestServerControl {
 public:
  explicit RestServerControl(std::string root) : root_(std::move(root)) {}

  // `{"rules": [...]}` (an empty list clears them).
  void faults(const boost::json::array& rules) { post("/_control/faults", {{"rules", rules}}); }
  // `{"edit": [...], "delete": [...], "add": n}`: what the server answers (keys touched).
  boost::json::object change(const boost::json::object& body) {
    return post("/_control/change", body);
  }
  boost::json::object stats() { return request("GET", "/_control/stats", ""); }

  // Stops and starts tests/servers/<server>: its data is generated at start, so a test that
  // changed it leaves the next test of the same process (the coverage pass runs a suite as one)
  // the data anew.
  static void restart(const std::string& server) {
    const std::string scripts = std::string(EI_SOURCE_DIR) + "/tests/servers/" + server + "/";
    std::string output;
    ASSERT_EQ(sql_testing::run_command(scripts + "stop 2>&1 && " + scripts + "start 2>&1", output),
              0)
        << output;
  }

 private:
  boost::json::object post(const std::string& path, const boost::json::object& body) {
    return request("POST", path, boost::json::serialize(body));
  }

  boost::json::object request(const std::string& method, const std::string& path,
                              std::string body) {
    boost::asio::io_context io;
    http::Client client(io.get_executor(), http::ClientOptions{});
    http::Request request;
    request.method = method;
    request.url = root_ + path;
    request.body = std::move(body);
    if (method == "POST") request.headers.emplace_back("Content-Type", "application/json");
    const http::Response response = core::run_to_completion(io, client.send(std::move(request)));
    EXPECT_EQ(response.status, 200) << method << " " << path << ": " << response.body;
    try {
      return boost::json::parse(response.body).as_object();
    } catch (const std::exception&) {
      ADD_FAILURE() << method << " " << path << " answered " << response.body;
      return {};
    }
  }

  std::string root_;
};

// The ids of documents read back from an index.
inline std::set<std::string> ids_of(const std::map<std::string, boost::json::object>& documents) {
  std::set<std::string> ids;
  for (const auto& [id, document] : documents) ids.insert(id);
  return ids;
}

}  // namespace ei::rest_testing
