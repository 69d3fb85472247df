#include "es/engine_info.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "core/error.hpp"

namespace ei::es {

namespace json = boost::json;

std::string_view to_string(EngineKind kind) {
  return kind == EngineKind::opensearch ? "OpenSearch" : "Elasticsearch";
}

std::string EngineInfo::describe() const {
  return fmt::format("{} {}", to_string(kind), number);
}

EngineVersion parse_engine_version(std::string_view number) {
  EngineVersion version;
  int* parts[] = {&version.major, &version.minor, &version.patch};
  const char* p = number.data();
  const char* end = number.data() + number.size();
  for (std::size_t i = 0; i < 3; ++i) {
    auto [next, ec] = std::from_chars(p, end, *parts[i]);
    if (ec != std::errc() || (i == 0 && next == p)) {
      throw core::Error(fmt::format("Unrecognised engine version \"{}\"", number));
    }
    p = next;
    if (p == end || *p != '.') break;  // "8", "8.19", or a suffix such as "-SNAPSHOT"
    ++p;
  }
  return version;
}

EngineInfo parse_engine_info(std::string_view body) {
  boost::system::error_code ec;
  json::value root = json::parse(json::string_view(body.data(), body.size()), ec);
  const json::object* object = (!ec && root.is_object()) ? &root.get_object() : nullptr;
  const json::value* version = object != nullptr ? object->if_contains("version") : nullptr;
  const json::value* number = (version != nullptr && version->is_object())
                                  ? version->get_object().if_contains("number")
                                  : nullptr;
  if (number == nullptr || !number->is_string()) {
    throw core::Error(fmt::format("GET / did not return an engine's info (no version.number): {}",
                                  body.substr(0, 200)));
  }
  EngineInfo info;
  info.number = std::string(number->get_string());
  info.version = parse_engine_version(info.number);
  // OpenSearch says so in version.distribution; Elasticsearch has no such field.
  if (const auto* dist = version->get_object().if_contains("distribution");
      dist != nullptr && dist->is_string() && dist->get_string() == "opensearch") {
    info.kind = EngineKind::opensearch;
  }
  if (const auto* name = object->if_contains("name"); name && name->is_string()) {
    info.name = std::string(name->get_string());
  }
  if (const auto* cluster = object->if_contains("cluster_name"); cluster && cluster->is_string()) {
    info.cluster_name = std::string(cluster->get_string());
  }
  return info;
}

}  // namespace ei::es
