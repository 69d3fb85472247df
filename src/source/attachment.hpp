#pragma once

// What the lazy downloads of the remote sources (object stores, REST APIs) return (sources
// spec §0.5).

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ei::source {

// {_id, _timestamp (or null), _attachment: standard base64 of `body`}.
boost::json::object attachment(const std::string& id, const std::optional<std::string>& timestamp,
                               std::string_view body);

// The download of an unchanged document (doit=false): nothing, without any work.
boost::asio::awaitable<std::optional<boost::json::object>> no_download();

}  // namespace ei::source
