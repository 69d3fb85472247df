#include "sources/rest/rest_error.hpp"

#include <boost/json.hpp>

namespace ei::sources::rest {

namespace json = boost::json;

namespace {

std::string joined_strings(const json::value& value) {
  std::string out;
  auto add = [&out](std::string_view text) {
    if (text.empty()) return;
    if (!out.empty()) out += "; ";
    out += text;
  };
  if (value.is_string()) add(value.get_string());
  if (value.is_array()) {
    for (const json::value& item : value.get_array()) {
      if (item.is_string()) add(item.get_string());
    }
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.get_object()) {
      if (item.is_string()) add(std::string(key) + ": " + std::string(item.get_string()));
    }
  }
  return out;
}

}  // namespace

std::string vendor_message(std::string_view body) {
  boost::system::error_code error;
  const json::value parsed = json::parse(body, error);
  if (!error && parsed.is_object()) {
    const json::object& object = parsed.get_object();
    std::string found;
    if (const auto* messages = object.if_contains("errorMessages"))
      found = joined_strings(*messages);
    if (const auto* errors = object.if_contains("errors"); found.empty() && errors != nullptr) {
      found = joined_strings(*errors);
    }
    if (const auto* message = object.if_contains("message"); found.empty() && message != nullptr) {
      found = joined_strings(*message);
    }
    const json::value* nested = object.if_contains("error");
    if (nested == nullptr) nested = object.if_contains("odata.error");  // SharePoint, light form
    if (found.empty() && nested != nullptr) {
      if (nested->is_object()) {
        const json::value* message = nested->get_object().if_contains("message");
        if (message != nullptr && message->is_object()) {
          const json::value* value = message->get_object().if_contains("value");
          if (value != nullptr) found = joined_strings(*value);
        } else if (message != nullptr) {
          found = joined_strings(*message);
        }
      } else {
        found = joined_strings(*nested);
      }
    }
    if (const auto* description = object.if_contains("error_description")) {
      const std::string text = joined_strings(*description);
      if (!text.empty()) found = found.empty() ? text : found + ": " + text;
    }
    return found;
  }
  constexpr std::size_t kLongestText = 300;
  const bool text = body.size() <= kLongestText && body.find('<') == std::string_view::npos;
  std::string out = text ? std::string(body) : std::string();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

}  // namespace ei::sources::rest
