#include "core/env_yaml.hpp"

#include <gtest/gtest.h>

#include "core/config_error.hpp"
#include "temp_dir.hpp"

namespace ei::core {
namespace {

using testing::TempDir;

std::string expand(std::string_view text, const Environment& variables, bool strict = true) {
  return env_yaml::preprocess(text, variables, strict, "config.yml").text;
}

TEST(EnvYamlPreprocess, SubstitutesAllVariableForms) {
  const Environment vars{{"HOST", "es.local"}, {"PORT", "9201"}, {"elasticsearch.password", "pw"}};
  EXPECT_EQ(expand("host: $HOST\n", vars), "host: es.local\n");
  EXPECT_EQ(expand("host: ${HOST}:${PORT}\n", vars), "host: es.local:9201\n");
  EXPECT_EQ(expand("password: ${elasticsearch.password}\n", vars), "password: pw\n");
  EXPECT_EQ(expand("url: http://$HOST:$PORT/x\n", vars), "url: http://es.local:9201/x\n");
}

TEST(EnvYamlPreprocess, DefaultsApplyOnlyWhenUndefined) {
  const Environment vars{{"SET", "value"}};
  EXPECT_EQ(expand("a: ${SET|fallback}\n", vars), "a: value\n");
  EXPECT_EQ(expand("a: ${UNSET|fallback}\n", vars), "a: fallback\n");
  EXPECT_EQ(expand("a: ${UNSET|}\n", vars), "a: \n");
  EXPECT_EQ(expand("a: ${UNSET|http://h:1/p}\n", vars), "a: http://h:1/p\n");
  // Unbraced: the default runs to the end of the line ...
  EXPECT_EQ(expand("a: $UNSET|two words\n", vars), "a: two words\n");
  EXPECT_EQ(expand("a: $SET|two words\n", vars), "a: value\n");
  // ... but a quote opened right before the `$` still closes the scalar.
  EXPECT_EQ(expand("a: \"$UNSET|dflt\"\n", vars), "a: \"dflt\"\n");
  EXPECT_EQ(expand("a: '$SET|dflt'\n", vars), "a: 'value'\n");
}

TEST(EnvYamlPreprocess, DoubleDollarIsALiteralDollar) {
  const Environment vars{{"HOST", "h"}};
  EXPECT_EQ(expand("password: pa$$word\n", vars), "password: pa$word\n");
  EXPECT_EQ(expand("a: $$HOST\n", vars), "a: $HOST\n");  // escaped, not interpolated
  EXPECT_EQ(expand("a: $$$HOST\n", vars), "a: $h\n");
  EXPECT_EQ(expand("a: '$$'\n", vars), "a: '$'\n");
}

TEST(EnvYamlPreprocess, LeavesNonVariablesAlone) {
  const Environment vars;
  EXPECT_EQ(expand("a: $1 and $ and ${} and ${unclosed\n", vars, true),
            "a: $1 and $ and ${} and ${unclosed\n");
  EXPECT_EQ(expand("cost: 5$\n", vars), "cost: 5$\n");
}

TEST(EnvYamlPreprocess, DropsColumnZeroCommentLinesOnly) {
  const Environment vars;
  const auto result = env_yaml::preprocess("# $UNDEFINED here\na: 1\n  # indented\nb: 2 # x\n",
                                           vars, true, "config.yml");
  EXPECT_EQ(result.text, "a: 1\n  # indented\nb: 2 # x\n");
  EXPECT_EQ(result.original_lines, (std::vector<int>{2, 3, 4}));
}

TEST(EnvYamlPreprocess, StrictModeListsUndefinedVariables) {
  try {
    (void)expand("a: $A\nb: ${B}\nc: $A\nd: ${C|ok}\n", {});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(),
                 "config.yml: Strict mode enabled, variables $A, $B are not defined!");
    EXPECT_EQ(error.file(), "config.yml");
  }
}

TEST(EnvYamlPreprocess, NonStrictModeKeepsUndefinedVariablesAsWritten) {
  EXPECT_EQ(expand("a: $A ${B}\n", {}, false), "a: $A ${B}\n");
}

TEST(EnvYamlPreprocess, ValuesAreNotExpandedAgain) {
  const Environment vars{{"A", "$B"}, {"B", "no"}};
  EXPECT_EQ(expand("a: $A\n", vars), "a: $B\n");
}

TEST(EnvYamlPreprocess, MultiLineValuesKeepLineMapping) {
  const Environment vars{{"TWO", "x\ny"}};
  const auto result = env_yaml::preprocess("a: 1\nb: $TWO\nc: 3\n", vars, true, "f");
  EXPECT_EQ(result.original_lines, (std::vector<int>{1, 2, 2, 3}));
}

TEST(EnvYamlStrictMode, DisabledByTheVariableWhateverItsValue) {
  EXPECT_TRUE(env_yaml::strict_mode({}));
  EXPECT_FALSE(env_yaml::strict_mode({{"ENVYAML_STRICT_DISABLE", ""}}));
}

TEST(DotEnv, ReadsNameValueLines) {
  TempDir dir;
  const auto file = dir.write(".env",
                              "A=1\nB=\"quoted value\"\nC='single'\n# D=comment\n"
                              "1X=digit\nE = spaced\nF.g-h=dotted\nEMPTY=\nURL=http://a=b\r\n");
  const Environment values = env_yaml::read_dotenv(file, true);
  EXPECT_EQ(values, (Environment{{"A", "1"},
                                 {"B", "quoted value"},
                                 {"C", "single"},
                                 {"F.g-h", "dotted"},
                                 {"EMPTY", ""},
                                 {"URL", "http://a=b"}}));
}

TEST(DotEnv, StrictModeRejectsDuplicates) {
  TempDir dir;
  const auto file = dir.write(".env", "A=1\nA=2\n");
  try {
    (void)env_yaml::read_dotenv(file, true);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(
        std::string(error.what()).find("Strict mode enabled, variables $A defined several times!"),
        std::string::npos);
  }
  EXPECT_EQ(env_yaml::read_dotenv(file, false).at("A"), "2");
}

TEST(EnvYamlVariables, DotEnvInWorkingDirectoryOverridesEnvironment) {
  TempDir dir;
  dir.write(".env", "A=from-file\nB=file-only\n");
  const Environment vars = env_yaml::variables({{"A", "from-env"}, {"C", "env-only"}}, dir.path());
  EXPECT_EQ(vars.at("A"), "from-file");
  EXPECT_EQ(vars.at("B"), "file-only");
  EXPECT_EQ(vars.at("C"), "env-only");
}

TEST(EnvYamlVariables, EnvFileVariableNamesTheFile) {
  TempDir dir;
  dir.write(".env", "A=default-file\n");
  dir.write("custom.env", "A=custom-file\n");
  EXPECT_EQ(env_yaml::variables({{"ENV_FILE", "custom.env"}}, dir.path()).at("A"), "custom-file");
  EXPECT_THROW(env_yaml::variables({{"ENV_FILE", "missing.env"}}, dir.path()), ConfigError);
}

TEST(EnvYamlVariables, NoDotEnvIsFine) {
  TempDir dir;
  EXPECT_EQ(env_yaml::variables({{"A", "1"}}, dir.path()), (Environment{{"A", "1"}}));
}

TEST(EnvYamlLoad, ParsesAfterInterpolation) {
  TempDir dir;
  const auto file = dir.write("c.yml", "# comment with $NOTHING\nport: $PORT\nname: ${NAME|x}\n");
  const auto tree = env_yaml::load(file, {{"PORT", "9200"}}, true);
  EXPECT_EQ(tree, boost::json::parse(R"({"port": 9200, "name": "x"})"));
}

TEST(EnvYamlLoad, MissingFileIsAConfigError) {
  TempDir dir;
  try {
    (void)env_yaml::load(dir.path() / "nope.yml", {}, true);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("nope.yml: cannot read the configuration file"),
              std::string::npos)
        << error.what();
  }
}

TEST(ProcessEnvironment, SeesTheRealEnvironment) {
  ::setenv("EI_CORE_TEST_VARIABLE", "present", 1);
  EXPECT_EQ(process_environment().at("EI_CORE_TEST_VARIABLE"), "present");
  ::unsetenv("EI_CORE_TEST_VARIABLE");
}

}  // namespace
}  // namespace ei::core
