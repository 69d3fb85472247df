#include "sources/google_cloud_storage/service_account.hpp"

#include <boost/json.hpp>

#include "core/pem_repair.hpp"
#include "source/errors.hpp"

namespace ei::sources {

namespace json = boost::json;

ServiceAccount parse_service_account(std::string_view text) {
  boost::system::error_code error;
  const json::value parsed = json::parse(text, error);
  if (error || !parsed.is_object()) {
    throw source::ConfigurableFieldValueError("Google Cloud service account is not a valid JSON.");
  }
  const json::object& fields = parsed.get_object();
  const auto field = [&](const char* name) {
    const json::value* value = fields.if_contains(name);
    if (value == nullptr || !value->is_string() || value->get_string().empty()) {
      throw source::ConfigurableFieldValueError(
          std::string("The Google Cloud service account JSON has no '") + name + "'.");
    }
    return std::string(value->get_string());
  };
  ServiceAccount account;
  account.project_id = field("project_id");
  account.client_email = field("client_email");
  account.private_key = field("private_key");
  account.token_uri = field("token_uri");
  // A key pasted into a one-line field lost its newlines (spec §10.1).
  if (account.private_key.find('\n') == std::string::npos) {
    std::string_view key = account.private_key;
    while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    account.private_key = core::repaired_pem(key, 2);
  }
  return account;
}

}  // namespace ei::sources
