#include "cli/dash_leading_ids.hpp"

#include <CLI/CLI.hpp>

namespace ei::cli {

namespace {

// The option names of one command ("-c", "--config-file", ...).
void add_option_names(const CLI::App& command, std::set<std::string>& names) {
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_snames()) names.insert("-" + name);
    for (const std::string& name : option->get_lnames()) names.insert("--" + name);
  }
}

}  // namespace

DashLeadingIds::DashLeadingIds(const CLI::App& app) {
  std::set<std::string> global;
  add_option_names(app, global);
  for (const CLI::App* group : app.get_subcommands([](const CLI::App*) { return true; })) {
    for (const CLI::App* verb : group->get_subcommands([](const CLI::App*) { return true; })) {
      if (verb->get_option_no_throw("id") == nullptr) continue;
      std::set<std::string> options = global;
      add_option_names(*group, options);
      add_option_names(*verb, options);
      verbs_[{group->get_name(), verb->get_name()}] = std::move(options);
    }
  }
}

bool DashLeadingIds::is_option(const std::set<std::string>& options,
                               const std::string& token) const {
  if (options.contains(token)) return true;
  const std::size_t equals = token.find('=');  // --interval=...
  return token.starts_with("--") && equals != std::string::npos &&
         options.contains(token.substr(0, equals));
}

std::vector<std::string> DashLeadingIds::protect(std::vector<std::string> args) {
  for (std::size_t i = 2; i < args.size(); ++i) {
    const std::string& token = args[i];
    if (token == "--") break;  // the user already ended the options
    if (token.size() < 2 || token.front() != '-') continue;
    const auto verb = verbs_.find({args[i - 2], args[i - 1]});
    if (verb == verbs_.end() || is_option(verb->second, token)) continue;
    // Starts with a control character: no option, no id Elasticsearch makes.
    std::string placeholder = "\x1e" + std::to_string(placeholders_.size());
    placeholders_[placeholder] = token;
    args[i] = std::move(placeholder);
  }
  return args;
}

std::string DashLeadingIds::restore(const std::string& id) const {
  const auto found = placeholders_.find(id);
  return found == placeholders_.end() ? id : found->second;
}

}  // namespace ei::cli
