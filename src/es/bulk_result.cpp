#include "es/bulk_result.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "es/errors.hpp"

namespace ei::es {

namespace json = boost::json;

std::size_t BulkResult::failed_count() const {
  std::size_t count = 0;
  for (const auto& item : items) count += item.failed() ? 1 : 0;
  return count;
}

std::vector<const BulkItemResult*> BulkResult::failures() const {
  std::vector<const BulkItemResult*> out;
  for (const auto& item : items) {
    if (item.failed()) out.push_back(&item);
  }
  return out;
}

namespace {

[[noreturn]] void malformed(std::string_view why, std::string_view body) {
  throw core::Error(fmt::format("Malformed bulk response ({}): {}", why, body.substr(0, 200)));
}

std::string string_or_empty(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

}  // namespace

BulkResult parse_bulk_response(std::string_view body) {
  boost::system::error_code ec;
  // The tree lives only for this call: one arena instead of an allocation per node.
  json::monotonic_resource arena(body.size() + 1024);
  json::value root = json::parse(json::string_view(body.data(), body.size()), ec, &arena);
  if (ec || !root.is_object()) malformed("not a JSON object", body);
  const auto& object = root.get_object();
  const auto* items = object.if_contains("items");
  if (items == nullptr || !items->is_array()) malformed("no items", body);

  BulkResult result;
  if (const auto* errors = object.if_contains("errors"); errors && errors->is_bool()) {
    result.errors = errors->get_bool();
  }
  if (const auto* took = object.if_contains("took"); took && took->is_number()) {
    result.took = std::chrono::milliseconds(took->to_number<std::int64_t>());
  }
  result.items.reserve(items->get_array().size());
  for (const json::value& entry : items->get_array()) {
    // Each item is {"<op>": {...}} with exactly one key.
    if (!entry.is_object() || entry.get_object().size() != 1) malformed("bad item", body);
    const auto& [key, value] = *entry.get_object().begin();
    auto op = bulk_op_from_string(std::string_view(key.data(), key.size()));
    if (!op || !value.is_object()) malformed("bad item", body);
    const auto& fields = value.get_object();
    BulkItemResult item;
    item.op = *op;
    item.index = string_or_empty(fields, "_index");
    item.id = string_or_empty(fields, "_id");
    item.result = string_or_empty(fields, "result");
    if (const auto* status = fields.if_contains("status"); status && status->is_number()) {
      item.status = static_cast<long>(status->to_number<std::int64_t>());
    }
    if (const auto* error = fields.if_contains("error"); error && !error->is_null()) {
      ErrorBody parsed = parse_error_field(item.status, *error);
      item.error_type = std::move(parsed.type);
      item.error_reason = std::move(parsed.reason);
    }
    result.items.push_back(std::move(item));
  }
  return result;
}

}  // namespace ei::es
