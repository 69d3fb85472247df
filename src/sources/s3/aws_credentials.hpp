#pragma once

// Where the S3 source finds its keys: the connector's own fields (ours, beyond the spec), then
// the AWS default chain as the SDKs read it (the environment, then the shared credentials file).

#include <optional>
#include <string>

#include "sources/object_store/aws_sigv4.hpp"
#include "sources/object_store/environment_lookup.hpp"

namespace ei::sources {

using object_store::EnvironmentLookup;
using object_store::process_environment;

struct ResolvedCredentials {
  object_store::AwsCredentials credentials;
  std::string origin;  // "the connector configuration", "the environment", "<file> [profile]"
};

// The first complete pair of the chain:
//   1. `configured_key_id` and `configured_secret` (both set);
//   2. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
//   3. the shared credentials file: AWS_SHARED_CREDENTIALS_FILE, else $HOME/.aws/credentials,
//      profile AWS_PROFILE, else `default` (aws_access_key_id, aws_secret_access_key,
//      aws_session_token).
// Nothing when no step has both keys. Instance and container roles are not read.
std::optional<ResolvedCredentials> resolve_aws_credentials(const std::string& configured_key_id,
                                                           const std::string& configured_secret,
                                                           const EnvironmentLookup& environment);

// The profile `profile` of an INI credentials file's text; nothing when it lacks one of the keys.
std::optional<object_store::AwsCredentials> credentials_from_ini(const std::string& text,
                                                                 const std::string& profile);

}  // namespace ei::sources
