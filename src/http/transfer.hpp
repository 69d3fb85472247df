#pragma once

#include <curl/curl.h>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "http/client_options.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace ei::http::detail {

// One request in flight: the easy handle and everything curl points into (URL, body,
// header list, error buffer), the response being received and the caller's completion.
// Heap-allocated and never moved, because curl keeps pointers to it.
class Transfer {
 public:
  using Completion = boost::asio::any_completion_handler<void(std::exception_ptr, Response)>;

  // Throws TransportError when curl refuses an option (it names the URL).
  Transfer(std::uint64_t id, Request request, const ClientOptions& options);
  ~Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  std::uint64_t id() const { return id_; }
  CURL* easy() const { return easy_.get(); }
  static Transfer* from(CURL* easy);

  // "GET https://host/path" (credentials removed), to start error messages with.
  std::string describe() const;
  // What the caller gets once curl reports the transfer done with `code`.
  std::exception_ptr error(CURLcode code) const;
  Response take_response();

  // Optional because Asio 1.81's any_completion_handler move assignment recurses forever
  // (it copies from an lvalue): only ever move-construct it, with emplace().
  std::optional<Completion> completion;
  boost::asio::cancellation_slot slot;  // connected while a cancel handler is installed

 private:
  void set_method_and_body();
  void set_headers(const ClientOptions& options);
  void set_tls(const ClientOptions& options);
  void append_header(const std::string& line);
  void check(CURLcode code, const char* what) const;
  static size_t on_body(char* data, size_t size, size_t count, void* self);
  static size_t on_header(char* data, size_t size, size_t count, void* self);

  std::uint64_t id_;
  Request request_;
  std::chrono::milliseconds timeout_;
  std::chrono::milliseconds connect_timeout_;
  std::size_t max_body_bytes_;   // 0: no limit
  bool body_too_large_ = false;  // set by on_body when it refused the rest of the body
  struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
  };
  struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
  };
  // Unique pointers, so a constructor that throws half-way leaks nothing.
  std::unique_ptr<CURL, EasyDeleter> easy_;
  std::unique_ptr<curl_slist, ListDeleter> header_list_;
  Response response_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace ei::http::detail
