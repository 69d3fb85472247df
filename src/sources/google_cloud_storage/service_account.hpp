#pragma once

#include <string>
#include <string_view>

namespace ei::sources {

// The parts of a Google service-account key file (the JSON the console downloads) that the
// source uses.
struct ServiceAccount {
  std::string project_id;
  std::string client_email;
  std::string private_key;  // PEM, repaired when it was pasted on one line (spec §10.1)
  std::string token_uri;
};

// Throws source::ConfigurableFieldValueError: "Google Cloud service account is not a valid
// JSON." when the text is not a JSON object, or naming the first missing (or non-string)
// field of project_id, client_email, private_key, token_uri.
ServiceAccount parse_service_account(std::string_view text);

}  // namespace ei::sources
