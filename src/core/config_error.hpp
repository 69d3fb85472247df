#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ei::core {

// A configuration file cannot be used. The message names the file, the key path when there
// is one, and what is wrong:
//   config.yml: elasticsearch.request_timeout: expected a number, got "abc"
//   config.yml: Strict mode enabled, variables $A, $B are not defined!
class ConfigError : public Error {
 public:
  ConfigError(std::string file, std::string key_path, std::string_view problem)
      : Error(compose(file, key_path, problem)),
        file_(std::move(file)),
        key_path_(std::move(key_path)) {}

  const std::string& file() const { return file_; }
  const std::string& key_path() const { return key_path_; }  // empty when about the whole file

 private:
  static std::string compose(std::string_view file, std::string_view key_path,
                             std::string_view problem) {
    std::string message(file);
    message += ": ";
    if (!key_path.empty()) {
      message += key_path;
      message += ": ";
    }
    message += problem;
    return message;
  }

  std::string file_;
  std::string key_path_;
};

}  // namespace ei::core
