#include "sources/object_store/azure_shared_key.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <vector>

#include "core/base64.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/strings.hpp"

namespace ei::sources::object_store {

namespace {

// The standard headers in the order they are signed; each is a line, empty when absent.
constexpr std::array<std::string_view, 11> kStandardHeaders{"content-encoding",
                                                            "content-language",
                                                            "content-length",
                                                            "content-md5",
                                                            "content-type",
                                                            "date",
                                                            "if-modified-since",
                                                            "if-match",
                                                            "if-none-match",
                                                            "if-unmodified-since",
                                                            "range"};

}  // namespace

std::string azure_string_to_sign(const AzureRequest& request, std::string_view account) {
  std::map<std::string, std::string> standard;
  std::vector<std::pair<std::string, std::string>> ms_headers;
  for (const auto& [name, value] : request.headers) {
    const std::string key = core::to_lower(name);
    if (key.starts_with("x-ms-")) {
      ms_headers.emplace_back(key, core::collapse_whitespace(value));
    } else {
      standard[key] = value;
    }
  }
  // A zero Content-Length is signed as an empty line (version 2015-02-21 and later).
  if (auto length = standard.find("content-length");
      length != standard.end() && length->second == "0") {
    length->second.clear();
  }

  std::string out = request.method + "\n";
  for (const std::string_view name : kStandardHeaders) {
    const auto found = standard.find(std::string(name));
    if (found != standard.end()) out += found->second;
    out += '\n';
  }
  std::sort(ms_headers.begin(), ms_headers.end());
  for (const auto& [name, value] : ms_headers) out += name + ":" + value + "\n";

  out += "/";
  out += account;
  out += request.encoded_path;
  std::map<std::string, std::vector<std::string>> parameters;
  for (const auto& [name, value] : request.query) parameters[core::to_lower(name)].push_back(value);
  for (auto& [name, values] : parameters) {
    std::sort(values.begin(), values.end());
    out += "\n" + name + ":";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i > 0 ? "," : "") + values[i];
  }
  return out;
}

std::string azure_shared_key_authorization(const AzureRequest& request, std::string_view account,
                                           std::string_view account_key_base64) {
  const std::optional<std::string> key = core::base64_decode(account_key_base64);
  if (!key || key->empty()) {
    throw core::Error("The Azure account key is not base64: check the account key setting");
  }
  const std::string signature =
      core::base64_encode(core::hmac_sha256(*key, azure_string_to_sign(request, account)));
  return "SharedKey " + std::string(account) + ":" + signature;
}

}  // namespace ei::sources::object_store
