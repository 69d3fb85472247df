#include "sources/object_store/aws_sigv4.hpp"

#include <algorithm>
#include <cctype>

#include "core/hash.hpp"
#include "core/strings.hpp"

namespace ei::sources::object_store {

namespace {

bool unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~';
}

// `20150830T123600Z` and `20150830`.
std::pair<std::string, std::string> amz_date(core::TimePoint time) {
  const core::CivilDateTime civil = core::civil_utc(time, false);
  std::string date = core::isoformat(civil.date);
  std::erase(date, '-');
  std::string clock = core::isoformat(civil).substr(11, 8);
  std::erase(clock, ':');
  return {date + "T" + clock + "Z", date};
}

}  // namespace

std::string aws_uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (unreserved(byte) || (keep_slash && c == '/')) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::string aws_canonical_query(const HeaderList& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(aws_uri_encode(name, false), aws_uri_encode(value, false));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

AwsSigningSteps aws_signing_steps(const AwsRequest& request, const AwsCredentials& credentials,
                                  std::string_view region, std::string_view service,
                                  core::TimePoint time) {
  const auto [timestamp, date] = amz_date(time);
  std::vector<std::pair<std::string, std::string>> headers;
  headers.emplace_back("host", core::collapse_whitespace(request.host));
  headers.emplace_back("x-amz-date", timestamp);
  if (service == "s3") headers.emplace_back("x-amz-content-sha256", request.payload_sha256);
  if (credentials.session_token) {
    headers.emplace_back("x-amz-security-token", *credentials.session_token);
  }
  for (const auto& [name, value] : request.headers) {
    headers.emplace_back(core::to_lower(name), core::collapse_whitespace(value));
  }
  std::sort(headers.begin(), headers.end());

  AwsSigningSteps steps;
  std::string canonical_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!steps.signed_headers.empty()) steps.signed_headers += ';';
    steps.signed_headers += name;
  }
  steps.canonical_request = request.method + "\n" + aws_uri_encode(request.path, true) + "\n" +
                            aws_canonical_query(request.query) + "\n" + canonical_headers + "\n" +
                            steps.signed_headers + "\n" + request.payload_sha256;

  steps.amz_date = timestamp;
  steps.scope = date + "/" + std::string(region) + "/" + std::string(service) + "/aws4_request";
  steps.string_to_sign = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + steps.scope + "\n" +
                         core::sha256_hex(steps.canonical_request);

  std::string key = core::hmac_sha256("AWS4" + credentials.secret_access_key, date);
  key = core::hmac_sha256(key, region);
  key = core::hmac_sha256(key, service);
  key = core::hmac_sha256(key, "aws4_request");
  steps.signature = core::hex_lower(core::hmac_sha256(key, steps.string_to_sign));
  return steps;
}

HeaderList aws_sign_v4(const AwsRequest& request, const AwsCredentials& credentials,
                       std::string_view region, std::string_view service, core::TimePoint time) {
  const AwsSigningSteps steps = aws_signing_steps(request, credentials, region, service, time);
  HeaderList out;
  out.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id +
                                        "/" + steps.scope + ", SignedHeaders=" +
                                        steps.signed_headers + ", Signature=" + steps.signature);
  out.emplace_back("x-amz-date", steps.amz_date);
  if (service == "s3") out.emplace_back("x-amz-content-sha256", request.payload_sha256);
  if (credentials.session_token)
    out.emplace_back("x-amz-security-token", *credentials.session_token);
  return out;
}

}  // namespace ei::sources::object_store
