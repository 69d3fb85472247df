#pragma once

#include <string>
#include <string_view>

#include "source/errors.hpp"

namespace ei::sources::rest {

// A request that failed after its retries: an HTTP error answer (status > 0) or no answer at
// all (status 0). The message names the server, the request and the vendor's own words.
class RestError : public source::SourceError {
 public:
  RestError(const std::string& message, long status)
      : source::SourceError(message), status_(status) {}
  long status() const { return status_; }

 private:
  long status_;
};

// The vendor's explanation inside an error body, in the forms Atlassian and Microsoft use:
// Jira's `errorMessages` (and `errors`), Confluence's `message`, SharePoint's
// `error.message.value` (`odata.error` in its light form; Graph's `error.message`), OAuth's
// `error_description`; else the body
// itself when it is short text, else nothing.
std::string vendor_message(std::string_view body);

}  // namespace ei::sources::rest
