#include "sources/rest/paging.hpp"

#include <boost/url.hpp>

#include "sources/rest/percent_encode.hpp"

namespace ei::sources::rest {

namespace json = boost::json;

namespace {

const json::value* member(const json::value& value, std::string_view key) {
  if (!value.is_object()) return nullptr;
  return value.get_object().if_contains(key);
}

std::optional<std::int64_t> number(const json::value* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64());
  return std::nullopt;
}

std::optional<std::string> text(const json::value* value) {
  if (value == nullptr || !value->is_string() || value->get_string().empty()) return std::nullopt;
  return std::string(value->get_string());
}

// The entries of a SharePoint page: verbose OData's `d.results`, or `value`.
std::size_t entries(const json::value& page) {
  if (const json::value* d = member(page, "d")) {
    const json::value* results = member(*d, "results");
    if (results != nullptr && results->is_array()) return results->get_array().size();
  }
  const json::value* value = member(page, "value");
  return value != nullptr && value->is_array() ? value->get_array().size() : 0;
}

std::optional<std::int64_t> query_number(std::string_view url, std::string_view name) {
  const std::optional<std::string> value = query_parameter(url, name);
  if (!value) return std::nullopt;
  try {
    std::size_t used = 0;
    const std::int64_t parsed = std::stoll(*value, &used);
    if (used != value->size()) return std::nullopt;
    return parsed;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string with_query_parameter(std::string_view url, std::string_view name,
                                 std::string_view value) {
  const std::string encoded = percent_encode(value);
  boost::urls::url parsed(url);
  parsed.encoded_params().set(name, boost::urls::pct_string_view(encoded));
  return std::string(parsed.buffer());
}

std::optional<std::string> query_parameter(std::string_view url, std::string_view name) {
  const auto parsed = boost::urls::parse_uri_reference(url);
  if (!parsed) return std::nullopt;
  const auto params = parsed->params();
  const auto found = params.find(name);
  if (found == params.end()) return std::nullopt;
  return std::string((*found).value);
}

std::optional<std::string> next_start_at(std::string_view url, const json::value& page,
                                         std::string_view items_key) {
  const std::optional<std::int64_t> start = number(member(page, "startAt"));
  const std::optional<std::int64_t> total = number(member(page, "total"));
  const json::value* items = member(page, items_key);
  if (!start || !total || items == nullptr || !items->is_array()) return std::nullopt;
  const auto count = static_cast<std::int64_t>(items->get_array().size());
  const std::int64_t next = *start + count;
  if (count == 0 || next >= *total) return std::nullopt;
  return with_query_parameter(url, "startAt", std::to_string(next));
}

std::optional<std::string> next_link(const json::value& page) {
  const json::value* links = member(page, "_links");
  return links != nullptr ? text(member(*links, "next")) : std::nullopt;
}

std::optional<std::string> next_start_limit(std::string_view url, const json::value& page) {
  const std::optional<std::int64_t> start = number(member(page, "start"));
  const std::optional<std::int64_t> limit = number(member(page, "limit"));
  const std::optional<std::int64_t> size = number(member(page, "size"));
  if (!start || !limit || !size || *size == 0 || *size < *limit) return std::nullopt;
  return with_query_parameter(url, "start", std::to_string(*start + *size));
}

std::optional<std::string> next_skip_top(std::string_view url, const json::value& page) {
  const std::optional<std::int64_t> top = query_number(url, "$top");
  if (!top || *top <= 0) return std::nullopt;
  const std::int64_t skip = query_number(url, "$skip").value_or(0);
  if (static_cast<std::int64_t>(entries(page)) < *top) return std::nullopt;
  return with_query_parameter(url, "$skip", std::to_string(skip + *top));
}

std::optional<std::string> next_odata_link(const json::value& page) {
  if (auto link = text(member(page, "@odata.nextLink"))) return link;
  if (auto link = text(member(page, "odata.nextLink"))) return link;
  if (const json::value* d = member(page, "d")) return text(member(*d, "__next"));
  return std::nullopt;
}

boost::asio::awaitable<void> for_each_page(RestClient& client, std::string first, NextPage next,
                                           PageHandler handle) {
  std::string url = std::move(first);
  for (;;) {
    auto reading = client.get_json(url);
    json::value page = co_await std::move(reading);
    std::optional<std::string> following = next(url, page);
    auto handling = handle(std::move(page));
    co_await std::move(handling);
    if (!following || client.url(*following) == client.url(url)) co_return;
    url = std::move(*following);
  }
}

}  // namespace ei::sources::rest
