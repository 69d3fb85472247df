#include "http/transfer.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <string>

#include "core/strings.hpp"
#include "core/url_redaction.hpp"
#include "http/client.hpp"
#include "http/url.hpp"

namespace ei::http::detail {

namespace {

bool has_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (core::iequals(key, name)) return true;
  }
  return false;
}

Request normalized(Request request) {
  request.method = core::to_upper(request.method);
  return request;
}

}  // namespace

Transfer::Transfer(std::uint64_t id, Request request, const ClientOptions& options)
    : id_(id),
      request_(normalized(std::move(request))),
      timeout_(request_.timeout.value_or(options.request_timeout)),
      connect_timeout_(options.connect_timeout),
      max_body_bytes_(options.max_response_bytes),
      easy_(curl_easy_init()) {
  if (easy_ == nullptr) {
    throw TransportError(describe() + " failed: curl_easy_init failed (out of memory?)", false);
  }
  check(curl_easy_setopt(easy_.get(), CURLOPT_PRIVATE, this), "CURLOPT_PRIVATE");
  check(curl_easy_setopt(easy_.get(), CURLOPT_ERRORBUFFER, error_buffer_), "CURLOPT_ERRORBUFFER");
  check(curl_easy_setopt(easy_.get(), CURLOPT_URL, request_.url.c_str()), "the URL");
  // Only http(s): a URL from a config file must not reach file:// or other protocols.
  check(curl_easy_setopt(easy_.get(), CURLOPT_PROTOCOLS_STR, "http,https"),
        "CURLOPT_PROTOCOLS_STR");
  // Signals would hit whatever thread runs the event loop.
  check(curl_easy_setopt(easy_.get(), CURLOPT_NOSIGNAL, 1L), "CURLOPT_NOSIGNAL");
  check(curl_easy_setopt(easy_.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count())),
        "the request timeout");
  check(curl_easy_setopt(easy_.get(), CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(connect_timeout_.count())),
        "the connect timeout");
  check(curl_easy_setopt(easy_.get(), CURLOPT_TCP_KEEPALIVE, 1L), "CURLOPT_TCP_KEEPALIVE");
  check(curl_easy_setopt(easy_.get(), CURLOPT_WRITEFUNCTION, &Transfer::on_body),
        "the body callback");
  check(curl_easy_setopt(easy_.get(), CURLOPT_WRITEDATA, this), "CURLOPT_WRITEDATA");
  check(curl_easy_setopt(easy_.get(), CURLOPT_HEADERFUNCTION, &Transfer::on_header),
        "the header callback");
  check(curl_easy_setopt(easy_.get(), CURLOPT_HEADERDATA, this), "CURLOPT_HEADERDATA");
  if (!options.user_agent.empty()) {
    check(curl_easy_setopt(easy_.get(), CURLOPT_USERAGENT, options.user_agent.c_str()),
          "the user agent");
  }
  if (options.gzip) {
    // "" offers every encoding curl was built with; curl inflates the body.
    check(curl_easy_setopt(easy_.get(), CURLOPT_ACCEPT_ENCODING, ""), "CURLOPT_ACCEPT_ENCODING");
  }
  set_method_and_body();
  set_headers(options);
  set_tls(options);
}

Transfer* Transfer::from(CURL* easy) {
  char* self = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &self);
  return reinterpret_cast<Transfer*>(self);
}

void Transfer::check(CURLcode code, const char* what) const {
  if (code != CURLE_OK) {
    throw TransportError(
        describe() + " failed: cannot set " + what + ": " + curl_easy_strerror(code), false);
  }
}

void Transfer::set_method_and_body() {
  const std::string& method = request_.method;
  if (method == "HEAD") {
    check(curl_easy_setopt(easy_.get(), CURLOPT_NOBODY, 1L), "CURLOPT_NOBODY");
    return;
  }
  // POST and PUT always carry a body (possibly empty, so Content-Length: 0 is sent);
  // other methods only when there is one (Elasticsearch takes GET and DELETE with bodies).
  const bool with_body = method == "POST" || method == "PUT" || !request_.body.empty();
  if (with_body) {
    check(curl_easy_setopt(easy_.get(), CURLOPT_POSTFIELDSIZE_LARGE,
                           static_cast<curl_off_t>(request_.body.size())),
          "the body size");
    // Points into request_, which lives as long as the easy handle.
    check(curl_easy_setopt(easy_.get(), CURLOPT_POSTFIELDS, request_.body.data()), "the body");
  }
  if (method != "GET" || with_body) {
    if (method != "POST") {
      check(curl_easy_setopt(easy_.get(), CURLOPT_CUSTOMREQUEST, method.c_str()), "the method");
    }
  }
}

void Transfer::set_headers(const ClientOptions& options) {
  auto add = [this](const std::string& name, const std::string& value) {
    // "Name;" is curl's way to send a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    append_header(line);
  };
  Headers all = options.default_headers;
  all.insert(all.end(), request_.headers.begin(), request_.headers.end());
  for (const auto& [name, value] : all) add(name, value);

  // A request's own Authorization header wins over the client's credentials.
  if (!has_header(all, "Authorization")) {
    if (options.api_key) {
      add("Authorization", "ApiKey " + *options.api_key);
    } else if (options.basic_auth) {
      check(curl_easy_setopt(easy_.get(), CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC)),
            "CURLOPT_HTTPAUTH");
      check(curl_easy_setopt(easy_.get(), CURLOPT_USERNAME, options.basic_auth->username.c_str()),
            "the user name");
      check(curl_easy_setopt(easy_.get(), CURLOPT_PASSWORD, options.basic_auth->password.c_str()),
            "the password");
    }
  }
  // "Name:" removes a header curl would add on its own: it would wait up to a second for
  // "100 Continue" before a large body, and label every body as a form.
  for (const char* name : {"Expect", "Content-Type"}) {
    if (!has_header(all, name)) {
      append_header(std::string(name) + ":");
    }
  }
  check(curl_easy_setopt(easy_.get(), CURLOPT_HTTPHEADER, header_list_.get()), "the headers");
}

void Transfer::append_header(const std::string& line) {
  curl_slist* list = curl_slist_append(header_list_.get(), line.c_str());
  if (list == nullptr) check(CURLE_OUT_OF_MEMORY, "a header");
  // curl_slist_append returns the same head once the list exists.
  header_list_.release();
  header_list_.reset(list);
}

void Transfer::set_tls(const ClientOptions& options) {
  // Verification is never switched off; only the trust anchors change.
  check(curl_easy_setopt(easy_.get(), CURLOPT_SSL_VERIFYPEER, 1L), "CURLOPT_SSL_VERIFYPEER");
  check(curl_easy_setopt(easy_.get(), CURLOPT_SSL_VERIFYHOST, 2L), "CURLOPT_SSL_VERIFYHOST");
  if (options.ca_file) {
    check(curl_easy_setopt(easy_.get(), CURLOPT_CAINFO, options.ca_file->c_str()), "the CA file");
  }
  if (options.ca_pem) {
    curl_blob blob{const_cast<char*>(options.ca_pem->data()), options.ca_pem->size(),
                   CURL_BLOB_COPY};
    check(curl_easy_setopt(easy_.get(), CURLOPT_CAINFO_BLOB, &blob), "the CA certificate");
  }
}

size_t Transfer::on_body(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  std::string& body = transfer->response_.body;
  const std::size_t bytes = size * count;
  if (transfer->max_body_bytes_ != 0 && body.size() + bytes > transfer->max_body_bytes_) {
    transfer->body_too_large_ = true;
    body.clear();
    body.shrink_to_fit();
    return CURL_WRITEFUNC_ERROR;  // curl ends the transfer with CURLE_WRITE_ERROR
  }
  body.append(data, bytes);
  return bytes;
}

size_t Transfer::on_header(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  std::string_view line(data, size * count);
  // A new status line starts a new response (after 100 Continue or a proxy's CONNECT
  // answer): keep only the headers of the final one.
  if (line.starts_with("HTTP/")) {
    transfer->response_.headers.clear();
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    transfer->response_.headers.emplace_back(std::string(core::trim(line.substr(0, colon))),
                                             std::string(core::trim(line.substr(colon + 1))));
  }
  return size * count;
}

std::string Transfer::describe() const {
  return request_.method + " " + core::redact_url(request_.url);
}

std::exception_ptr Transfer::error(CURLcode code) const {
  const bool timed_out = code == CURLE_OPERATION_TIMEDOUT;
  std::string detail = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(code);
  std::string message = describe() + " failed: ";
  if (body_too_large_) {
    message += "the response body is larger than the limit of " + std::to_string(max_body_bytes_) +
               " bytes (max_response_bytes)";
    return std::make_exception_ptr(TransportError(message, false, false));
  }
  if (timed_out) {
    message += "timed out (request timeout " + std::to_string(timeout_.count()) +
               " ms, connect timeout " + std::to_string(connect_timeout_.count()) + " ms): ";
  }
  message += detail;
  return std::make_exception_ptr(TransportError(message, timed_out));
}

Response Transfer::take_response() {
  long status = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
  response_.status = status;
  return std::move(response_);
}

}  // namespace ei::http::detail
