#pragma once

// The signed assertion of Google's OAuth 2.0 flow for service accounts (RFC 7523, a JWT
// bearer grant signed with RS256, RFC 7515/7518): what a google_cloud_storage source posts to
// its service account's `token_uri` for an access token.

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace ei::sources::object_store {

// base64url without padding (RFC 4648 §5), as JWTs use it.
std::string base64url(std::string_view bytes);

// `<header>.<claims>.<signature>` with the header {"alg":"RS256","typ":"JWT"}, signed with
// RSASSA-PKCS1-v1_5 and SHA-256 under the PEM private key. Throws core::Error naming the
// problem when the key cannot be read or is not an RSA key.
std::string rs256_jwt(const boost::json::object& claims, std::string_view private_key_pem);

// The assertion for a service account: issuer `client_email`, `scope`, audience `token_uri`,
// issued at `now`, valid one hour (Google's maximum).
std::string service_account_assertion(std::string_view client_email,
                                      std::string_view private_key_pem, std::string_view token_uri,
                                      std::string_view scope, core::TimePoint now);

}  // namespace ei::sources::object_store
