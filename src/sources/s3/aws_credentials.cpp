#include "sources/s3/aws_credentials.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "core/strings.hpp"

namespace ei::sources {

namespace {

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

std::optional<object_store::AwsCredentials> credentials_from_ini(const std::string& text,
                                                                 const std::string& profile) {
  std::map<std::string, std::string> keys;
  bool in_profile = false;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const std::string content = trimmed(line);
    if (content.empty() || content[0] == '#' || content[0] == ';') continue;
    if (content.front() == '[' && content.back() == ']') {
      in_profile = trimmed(std::string_view(content).substr(1, content.size() - 2)) == profile;
      continue;
    }
    if (!in_profile) continue;
    const std::size_t equals = content.find('=');
    if (equals == std::string::npos) continue;
    keys[core::to_lower(trimmed(std::string_view(content).substr(0, equals)))] =
        trimmed(std::string_view(content).substr(equals + 1));
  }
  const auto id = keys.find("aws_access_key_id");
  const auto secret = keys.find("aws_secret_access_key");
  if (id == keys.end() || secret == keys.end() || id->second.empty() || secret->second.empty()) {
    return std::nullopt;
  }
  object_store::AwsCredentials credentials{id->second, secret->second, std::nullopt};
  if (const auto token = keys.find("aws_session_token");
      token != keys.end() && !token->second.empty()) {
    credentials.session_token = token->second;
  }
  return credentials;
}

std::optional<ResolvedCredentials> resolve_aws_credentials(const std::string& configured_key_id,
                                                           const std::string& configured_secret,
                                                           const EnvironmentLookup& environment) {
  if (!configured_key_id.empty() && !configured_secret.empty()) {
    return ResolvedCredentials{{configured_key_id, configured_secret, std::nullopt},
                               "the connector configuration"};
  }
  const auto id = environment("AWS_ACCESS_KEY_ID");
  const auto secret = environment("AWS_SECRET_ACCESS_KEY");
  if (id && secret) {
    return ResolvedCredentials{{*id, *secret, environment("AWS_SESSION_TOKEN")},
                               "the environment (AWS_ACCESS_KEY_ID)"};
  }
  std::string file;
  if (auto configured = environment("AWS_SHARED_CREDENTIALS_FILE")) {
    file = *configured;
  } else if (auto home = environment("HOME")) {
    file = *home + "/.aws/credentials";
  } else {
    return std::nullopt;
  }
  const std::string profile = environment("AWS_PROFILE").value_or("default");
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  if (auto credentials = credentials_from_ini(text.str(), profile)) {
    return ResolvedCredentials{*credentials, file + " [" + profile + "]"};
  }
  return std::nullopt;
}

}  // namespace ei::sources
