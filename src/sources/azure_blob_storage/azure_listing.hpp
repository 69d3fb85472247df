#pragma once

// The XML answers of Azure Blob Storage's List Containers and List Blobs (with
// include=metadata), read into plain structs, and its error document.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ei::sources {

// Metadata in the order the service lists it.
using AzureMetadata = std::vector<std::pair<std::string, std::string>>;

struct AzureContainer {
  std::string name;
  AzureMetadata metadata;
};

struct AzureBlob {
  std::string name;
  std::string creation_time;  // as listed (RFC 1123): "Wed, 01 Mar 2023 10:00:00 GMT"
  std::string last_modified;
  std::string content_type;
  std::uint64_t size = 0;
  std::optional<std::string> access_tier;     // Hot, Cool, Cold, Archive
  std::string lease_status;                   // locked, unlocked
  std::string lease_state;                    // available, leased, expired, breaking, broken
  std::optional<std::string> lease_duration;  // infinite, fixed: only while leased
  AzureMetadata metadata;
};

template <class Item>
struct AzurePage {
  std::vector<Item> items;
  std::optional<std::string> next_marker;
};

// Each throws core::Error when the XML is malformed or not the expected answer.
AzurePage<AzureContainer> parse_container_page(std::string_view xml);
AzurePage<AzureBlob> parse_blob_page(std::string_view xml);

// `Code: Message` of an error answer; nothing when the body is not one.
std::optional<std::pair<std::string, std::string>> parse_azure_error(std::string_view xml);

}  // namespace ei::sources
