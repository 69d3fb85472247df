#pragma once

// AWS Signature Version 4 (the "Signing AWS API requests" pages of the AWS documentation):
// the canonical request, the string to sign, the signing key derived from the secret, and
// the headers a signed request carries. Written for S3 and S3-compatible stores: the path is
// URI-encoded once (S3 does not double-encode it) and `x-amz-content-sha256` is signed for
// the `s3` service.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace ei::sources::object_store {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::optional<std::string> session_token;  // temporary credentials: x-amz-security-token
};

// A request as it will be sent. Path and query are given decoded; the signer encodes them as
// SigV4 prescribes, and the same encoding must be used on the wire (aws_uri_encode).
struct AwsRequest {
  std::string method = "GET";
  std::string host;        // as in the Host header: with `:port` when not the default
  std::string path = "/";  // e.g. "/bucket/reports/2024 Q1/résumé.pdf"
  HeaderList query;        // name and value, decoded, in any order
  HeaderList headers;      // other headers to sign (names in any case)
  std::string payload_sha256{kEmptyPayloadSha256};

  static constexpr std::string_view kEmptyPayloadSha256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
};

// RFC 3986 percent-encoding as SigV4 wants it: unreserved characters (A-Z a-z 0-9 - _ . ~)
// stay, every other byte is %XX in upper case; `/` stays when `keep_slash` (paths).
std::string aws_uri_encode(std::string_view text, bool keep_slash);

// The query string as it is signed and sent: encoded pairs sorted by name, then value.
std::string aws_canonical_query(const HeaderList& query);

// The canonical request and the string to sign of `request` at `time` (UTC).
struct AwsSigningSteps {
  std::string canonical_request;
  std::string string_to_sign;
  std::string amz_date;        // "20150830T123600Z"
  std::string scope;           // "20150830/us-east-1/s3/aws4_request"
  std::string signed_headers;  // "host;x-amz-date"
  std::string signature;       // 64 hex digits
};
AwsSigningSteps aws_signing_steps(const AwsRequest& request, const AwsCredentials& credentials,
                                  std::string_view region, std::string_view service,
                                  core::TimePoint time);

// The headers to add to the request: `Authorization`, `x-amz-date`, and for `s3`
// `x-amz-content-sha256`, and `x-amz-security-token` with temporary credentials.
HeaderList aws_sign_v4(const AwsRequest& request, const AwsCredentials& credentials,
                       std::string_view region, std::string_view service, core::TimePoint time);

}  // namespace ei::sources::object_store
