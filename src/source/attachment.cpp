#include "source/attachment.hpp"

#include "core/base64.hpp"

namespace ei::source {

namespace json = boost::json;

json::object attachment(const std::string& id, const std::optional<std::string>& timestamp,
                        std::string_view body) {
  json::object data(3);
  data.emplace("_id", id);
  data.emplace("_timestamp", timestamp ? json::value(*timestamp) : json::value(nullptr));
  data.emplace("_attachment", core::base64_encode(body));
  return data;
}

boost::asio::awaitable<std::optional<json::object>> no_download() {
  co_return std::nullopt;
}

}  // namespace ei::source
