#include "cli/dash_leading_ids.hpp"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ei::cli {
namespace {

// The shape of the `connectors` program: global options, groups, verbs with and without ids.
struct Program {
  Program() {
    app.add_option("-c,--config-file", config);
    app.add_flag("--json", json);
    auto* connector = app.add_subcommand("connector");
    auto* show = connector->add_subcommand("show");
    show->fallthrough();
    show->add_option("id", id)->required();
    auto* schedule = connector->add_subcommand("schedule");
    schedule->fallthrough();
    schedule->add_option("id", id)->required();
    schedule->add_option("--interval", interval);
    auto* list = connector->add_subcommand("list");
    list->add_option("--status", status);
  }

  // Parses `args` the way the program does; returns the id it got.
  std::string parse(const std::vector<std::string>& args) {
    DashLeadingIds ids(app);
    std::vector<std::string> protected_args = ids.protect(args);
    std::vector<char*> argv{program.data()};
    for (std::string& arg : protected_args) argv.push_back(arg.data());
    app.parse(static_cast<int>(argv.size()), argv.data());
    return ids.restore(id);
  }

  CLI::App app;
  std::string program = "connectors";
  std::string config, id, interval, status;
  bool json = false;
};

TEST(DashLeadingIds, AnIdStartingWithADashIsTheIdRightAfterItsVerb) {
  Program program;
  EXPECT_EQ(program.parse({"connector", "show", "-Xb3kT"}), "-Xb3kT");
  Program with_options;
  EXPECT_EQ(with_options.parse(
                {"--json", "connector", "schedule", "--lead", "--interval", "0 * * * * ?"}),
            "--lead");
  EXPECT_EQ(with_options.interval, "0 * * * * ?");
  EXPECT_TRUE(with_options.json);
}

TEST(DashLeadingIds, TheVerbsOwnAndInheritedOptionsStayOptions) {
  Program program;
  // `--interval` is the verb's option, not an id: the id is still missing.
  EXPECT_THROW(program.parse({"connector", "schedule", "--interval", "x"}), CLI::RequiredError);
  Program inherited;
  EXPECT_THROW(inherited.parse({"connector", "show", "--json"}), CLI::RequiredError);
  Program help;
  EXPECT_THROW(help.parse({"connector", "show", "-h"}), CLI::CallForHelp);
  Program equals;
  EXPECT_THROW(equals.parse({"connector", "schedule", "--interval=x"}), CLI::RequiredError);
}

TEST(DashLeadingIds, OnlyWhereAVerbTakesAnId) {
  Program program;
  // `list` takes no id: an unknown dash token there stays an error.
  EXPECT_THROW(program.parse({"connector", "list", "-Xb3kT"}), CLI::ParseError);
  Program plain;
  EXPECT_EQ(plain.parse({"connector", "show", "abc"}), "abc");
  Program separated;
  EXPECT_EQ(separated.parse({"connector", "show", "--", "-abc"}), "-abc");
}

}  // namespace
}  // namespace ei::cli
