#include "sources/s3/aws_credentials.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace ei::sources {
namespace {

EnvironmentLookup environment(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

TEST(AwsCredentials, TheConnectorFieldsComeFirst) {
  const auto resolved = resolve_aws_credentials(
      "AKIDFIELD", "field-secret",
      environment({{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env"}}));
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDFIELD");
  EXPECT_EQ(resolved->origin, "the connector configuration");
}

TEST(AwsCredentials, ThenTheEnvironmentWithItsSessionToken) {
  const auto resolved =
      resolve_aws_credentials("AKIDFIELD", "",  // half a pair is no pair
                              environment({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                           {"AWS_SECRET_ACCESS_KEY", "env-secret"},
                                           {"AWS_SESSION_TOKEN", "token"}}));
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(resolved->credentials.secret_access_key, "env-secret");
  EXPECT_EQ(resolved->credentials.session_token, "token");
}

TEST(AwsCredentials, ThenTheSharedFileAndItsProfile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ei-aws-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / ".aws");
  std::ofstream(dir / ".aws" / "credentials")
      << "# comment\n[default]\naws_access_key_id = AKIDDEFAULT\r\naws_secret_access_key=d\n\n"
      << "[work]\n  AWS_ACCESS_KEY_ID = AKIDWORK \naws_secret_access_key = w\naws_session_token = "
         "t\n"
      << "[broken]\naws_access_key_id = only\n";
  auto by_home = resolve_aws_credentials("", "", environment({{"HOME", dir.string()}}));
  ASSERT_TRUE(by_home);
  EXPECT_EQ(by_home->credentials.access_key_id, "AKIDDEFAULT");
  EXPECT_EQ(by_home->credentials.secret_access_key, "d");
  EXPECT_EQ(by_home->origin, (dir / ".aws" / "credentials").string() + " [default]");
  auto profile = resolve_aws_credentials(
      "", "",
      environment({{"AWS_SHARED_CREDENTIALS_FILE", (dir / ".aws" / "credentials").string()},
                   {"AWS_PROFILE", "work"}}));
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->credentials.access_key_id, "AKIDWORK");
  EXPECT_EQ(profile->credentials.session_token, "t");
  EXPECT_FALSE(resolve_aws_credentials(
      "", "", environment({{"HOME", dir.string()}, {"AWS_PROFILE", "broken"}})));
  EXPECT_FALSE(resolve_aws_credentials("", "", environment({{"HOME", "/nonexistent"}})));
  EXPECT_FALSE(resolve_aws_credentials("", "", environment({})));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ei::sources
