#pragma once

#include <stdexcept>
#include <string>

namespace ei::core {

// Base of every error the project throws on purpose. The message must name what is
// wrong and where (a key path, a URL, a document id), so it can be shown to a user as is.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ei::core
