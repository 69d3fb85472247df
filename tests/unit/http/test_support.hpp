#pragma once

#include <zlib.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ei::http::test {

// Runs a coroutine on `io` (this thread) until it finishes; rethrows what it threw.
template <typename T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> task,
      std::chrono::seconds limit = std::chrono::seconds(30)) {
  std::optional<T> result;
  std::exception_ptr error;
  bool done = false;
  boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T value) {
    error = e;
    if (!e) result = std::move(value);
    done = true;
  });
  io.restart();
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done && std::chrono::steady_clock::now() < deadline) {
    io.run_one_for(std::chrono::milliseconds(100));
  }
  if (!done) throw std::runtime_error("the test coroutine did not finish in time");
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}

// Sets (or unsets, with nullopt) an environment variable for the guard's lifetime.
class EnvGuard {
 public:
  EnvGuard(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    if (value) {
      ::setenv(name_.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  ~EnvGuard() {
    if (old_) {
      ::setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  EnvGuard(const EnvGuard&) = delete;
  EnvGuard& operator=(const EnvGuard&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// Proxy variables of the machine running the tests must not divert requests meant for
// the local test server.
struct NoProxyEnvironment {
  EnvGuard http{"http_proxy", std::nullopt};
  EnvGuard https{"https_proxy", std::nullopt};
  EnvGuard https_upper{"HTTPS_PROXY", std::nullopt};
  EnvGuard all{"all_proxy", std::nullopt};
  EnvGuard all_upper{"ALL_PROXY", std::nullopt};
  EnvGuard no{"no_proxy", std::nullopt};
  EnvGuard no_upper{"NO_PROXY", std::nullopt};
};

// gzip-compresses text (what a server sends with Content-Encoding: gzip).
inline std::string gzip(std::string_view text) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

}  // namespace ei::http::test
