#include "sources/azure_blob_storage/azure_listing.hpp"

#include <charconv>

#include "core/error.hpp"
#include "sources/object_store/xml_element.hpp"

namespace ei::sources {

namespace {

using object_store::XmlElement;

XmlElement enumeration(std::string_view xml) {
  XmlElement root = object_store::parse_xml(xml);
  if (root.name != "EnumerationResults") {
    throw core::Error("unexpected Azure answer: <" + root.name +
                      "> instead of <EnumerationResults>");
  }
  return root;
}

AzureMetadata metadata_of(const XmlElement& item) {
  AzureMetadata metadata;
  if (const XmlElement* found = item.child("Metadata")) {
    for (const XmlElement& entry : found->children) metadata.emplace_back(entry.name, entry.text);
  }
  return metadata;
}

std::optional<std::string> next_marker(const XmlElement& root) {
  std::string marker = root.child_text("NextMarker");
  if (marker.empty()) return std::nullopt;
  return marker;
}

std::optional<std::string> optional_text(const XmlElement& parent, std::string_view name) {
  const XmlElement* found = parent.child(name);
  if (found == nullptr || found->text.empty()) return std::nullopt;
  return found->text;
}

}  // namespace

AzurePage<AzureContainer> parse_container_page(std::string_view xml) {
  const XmlElement root = enumeration(xml);
  AzurePage<AzureContainer> page;
  if (const XmlElement* containers = root.child("Containers")) {
    for (const XmlElement& container : containers->children) {
      if (container.name != "Container") continue;
      page.items.push_back({container.child_text("Name"), metadata_of(container)});
    }
  }
  page.next_marker = next_marker(root);
  return page;
}

AzurePage<AzureBlob> parse_blob_page(std::string_view xml) {
  const XmlElement root = enumeration(xml);
  AzurePage<AzureBlob> page;
  if (const XmlElement* blobs = root.child("Blobs")) {
    for (const XmlElement& entry : blobs->children) {
      if (entry.name != "Blob") continue;
      AzureBlob blob;
      blob.name = entry.child_text("Name");
      if (const XmlElement* properties = entry.child("Properties")) {
        blob.creation_time = properties->child_text("Creation-Time");
        blob.last_modified = properties->child_text("Last-Modified");
        blob.content_type = properties->child_text("Content-Type");
        const std::string length = properties->child_text("Content-Length", "0");
        const auto [end, error] =
            std::from_chars(length.data(), length.data() + length.size(), blob.size);
        if (error != std::errc() || end != length.data() + length.size()) {
          throw core::Error("unexpected Azure answer: blob '" + blob.name + "' has length '" +
                            length + "'");
        }
        blob.access_tier = optional_text(*properties, "AccessTier");
        blob.lease_status = properties->child_text("LeaseStatus");
        blob.lease_state = properties->child_text("LeaseState");
        blob.lease_duration = optional_text(*properties, "LeaseDuration");
      }
      blob.metadata = metadata_of(entry);
      page.items.push_back(std::move(blob));
    }
  }
  page.next_marker = next_marker(root);
  return page;
}

std::optional<std::pair<std::string, std::string>> parse_azure_error(std::string_view xml) {
  try {
    const XmlElement root = object_store::parse_xml(xml);
    if (root.name != "Error") return std::nullopt;
    std::string message = root.child_text("Message");
    // The message carries "\nRequestId:...\nTime:..." lines: the first line says it.
    if (const std::size_t newline = message.find('\n'); newline != std::string::npos) {
      message.resize(newline);
    }
    return std::make_pair(root.child_text("Code"), message);
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

}  // namespace ei::sources
