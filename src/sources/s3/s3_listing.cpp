#include "sources/s3/s3_listing.hpp"

#include <charconv>

#include "core/error.hpp"
#include "sources/object_store/xml_element.hpp"

namespace ei::sources {

namespace {

using object_store::XmlElement;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// encoding-type=url: S3 encodes keys as application/x-www-form-urlencoded (`+` is a space).
std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
               hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

XmlElement root_named(std::string_view xml, std::string_view name) {
  XmlElement root = object_store::parse_xml(xml);
  if (root.name != name) {
    throw core::Error("unexpected S3 answer: <" + root.name + "> instead of <" + std::string(name) +
                      ">");
  }
  return root;
}

}  // namespace

S3ObjectPage parse_object_page(std::string_view xml, bool url_encoded) {
  const XmlElement root = root_named(xml, "ListBucketResult");
  const auto text = [url_encoded](std::string value) {
    return url_encoded ? url_decode(value) : value;
  };
  S3ObjectPage page;
  for (const XmlElement& entry : root.children) {
    if (entry.name != "Contents") continue;
    S3Object object;
    object.key = text(entry.child_text("Key"));
    const std::string size = entry.child_text("Size", "0");
    const auto [end, error] = std::from_chars(size.data(), size.data() + size.size(), object.size);
    if (error != std::errc() || end != size.data() + size.size()) {
      throw core::Error("unexpected S3 answer: object '" + object.key + "' has size '" + size +
                        "'");
    }
    object.last_modified = entry.child_text("LastModified");
    if (const XmlElement* owner = entry.child("Owner")) {
      object.owner = owner->child_text("DisplayName");
    }
    object.storage_class = entry.child_text("StorageClass");
    page.objects.push_back(std::move(object));
  }
  if (root.child_text("IsTruncated") == "true") {
    // NextMarker comes only with a delimiter; otherwise the last key is the marker.
    if (const XmlElement* next = root.child("NextMarker"); next != nullptr && !next->text.empty()) {
      page.next_marker = text(next->text);
    } else if (!page.objects.empty()) {
      page.next_marker = page.objects.back().key;
    } else {
      throw core::Error("unexpected S3 answer: a truncated listing without a marker");
    }
  }
  return page;
}

S3BucketPage parse_bucket_page(std::string_view xml) {
  const XmlElement root = root_named(xml, "ListAllMyBucketsResult");
  S3BucketPage page;
  if (const XmlElement* buckets = root.child("Buckets")) {
    for (const XmlElement& bucket : buckets->children) {
      if (bucket.name == "Bucket") page.names.push_back(bucket.child_text("Name"));
    }
  }
  if (std::string token = root.child_text("ContinuationToken"); !token.empty()) {
    page.continuation_token = std::move(token);
  }
  return page;
}

std::string parse_bucket_location(std::string_view xml) {
  const XmlElement root = root_named(xml, "LocationConstraint");
  return root.text == "EU" ? "eu-west-1" : root.text;
}

std::optional<S3ErrorDocument> parse_error_document(std::string_view xml) {
  try {
    const XmlElement root = object_store::parse_xml(xml);
    if (root.name != "Error") return std::nullopt;
    return S3ErrorDocument{root.child_text("Code"), root.child_text("Message")};
  } catch (const core::Error&) {
    return std::nullopt;
  }
}

}  // namespace ei::sources
