#pragma once

// Azure Storage's Shared Key authorization (the "Authorize with Shared Key" page of the
// Azure Storage REST reference, version 2009-09-19 and later): the string to sign from the
// verb, twelve standard headers, the `x-ms-` headers and the canonicalized resource, signed
// with HMAC-SHA256 under the base64-decoded account key.

#include <string>
#include <string_view>

#include "sources/object_store/aws_sigv4.hpp"  // HeaderList

namespace ei::sources::object_store {

struct AzureRequest {
  std::string method = "GET";
  std::string encoded_path = "/";  // as sent, percent-encoded: "/docs/2024%20Q1/a.pdf"
  HeaderList query;                // decoded names and values
  HeaderList headers;              // as sent: x-ms-date, x-ms-version, Content-Length, ...
};

// The string to sign of `request` for `account`.
std::string azure_string_to_sign(const AzureRequest& request, std::string_view account);

// `SharedKey <account>:<signature>`. Throws core::Error when the key is not base64.
std::string azure_shared_key_authorization(const AzureRequest& request, std::string_view account,
                                           std::string_view account_key_base64);

}  // namespace ei::sources::object_store
