#pragma once

// The Authorization header of a REST source's requests: fixed (HTTP Basic, a personal access
// token) or a bearer token from a token endpoint (SharePoint Online's app-only flow), kept
// and renewed shortly before it expires. Requests that find the token expiring together wait
// for one renewal rather than each asking for its own.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace ei::sources::rest {

struct AccessToken {
  std::string value;
  core::TimePoint expires_at{};
};

using TokenFetcher = std::function<boost::asio::awaitable<AccessToken>()>;

class Authorization {
 public:
  // No Authorization header.
  Authorization();
  static Authorization basic(const std::string& user, const std::string& password);
  static Authorization bearer(const std::string& token);
  // A token from `fetch`, used until `renew_before` its expiry. A failed fetch fails the
  // requests waiting for it; the next request tries again.
  static Authorization renewed(boost::asio::any_io_executor executor, TokenFetcher fetch,
                               std::chrono::seconds renew_before = std::chrono::seconds(20));

  // The header's value, or nothing when there is none to send.
  boost::asio::awaitable<std::optional<std::string>> header() const;

  // Tokens fetched so far (renewals included), for tests.
  int fetches() const;

 private:
  struct Renewal;

  std::optional<std::string> fixed_;
  std::shared_ptr<Renewal> renewal_;
};

}  // namespace ei::sources::rest
