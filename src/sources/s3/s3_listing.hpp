#pragma once

// The XML answers of the S3 API calls the source makes (ListBuckets, GetBucketLocation,
// ListObjects v1 and the error document), read into plain structs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ei::sources {

struct S3Object {
  std::string key;
  std::uint64_t size = 0;
  std::string last_modified;  // as listed: "2023-03-01T10:00:00.000Z"
  std::string owner;          // Owner/DisplayName, "" when the listing has none
  std::string storage_class;
};

struct S3ObjectPage {
  std::vector<S3Object> objects;
  std::optional<std::string> next_marker;  // set while the listing is truncated
};

struct S3BucketPage {
  std::vector<std::string> names;
  std::optional<std::string> continuation_token;
};

struct S3ErrorDocument {
  std::string code;     // "NoSuchBucket", "SignatureDoesNotMatch", ...
  std::string message;  // the server's sentence
};

// Each throws core::Error when the XML is malformed or is not the expected answer.
// `url_encoded`: the page was asked with encoding-type=url, so keys and markers are
// percent-encoded in it (and decoded here).
S3ObjectPage parse_object_page(std::string_view xml, bool url_encoded);
S3BucketPage parse_bucket_page(std::string_view xml);
// The LocationConstraint: empty for us-east-1 (as S3 answers for it), "EU" read as eu-west-1.
std::string parse_bucket_location(std::string_view xml);
// Nothing when the body is not an S3 error document (an empty body, a proxy's HTML page).
std::optional<S3ErrorDocument> parse_error_document(std::string_view xml);

}  // namespace ei::sources
