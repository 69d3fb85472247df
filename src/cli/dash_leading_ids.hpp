#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace CLI {
class App;
}

namespace ei::cli {

// Elasticsearch generates ids from URL-safe base64, so one in 64 starts with '-', and CLI11
// reads such a token as an option (`connector show -Xb3...` failed with "id is required").
// In `<group> <verb> <id>`, where the verb has an "id" positional, a token that starts with
// '-' and is none of the options the verb accepts is the id: it is swapped for a placeholder
// for the parse and given back after. `--` before the id still works too.
class DashLeadingIds {
 public:
  // Learns, from the defined commands, which verbs take an id and which options they accept
  // (their own and those they fall through to).
  explicit DashLeadingIds(const CLI::App& app);

  // The arguments (without the program name) with such ids replaced.
  std::vector<std::string> protect(std::vector<std::string> args);

  // The id a placeholder stands for; any other text as it is.
  std::string restore(const std::string& id) const;

 private:
  bool is_option(const std::set<std::string>& options, const std::string& token) const;

  // (group, verb) → the option names the verb accepts ("-h", "--interval", ...)
  std::map<std::pair<std::string, std::string>, std::set<std::string>> verbs_;
  std::map<std::string, std::string> placeholders_;  // placeholder → id
};

}  // namespace ei::cli
