#pragma once

#include <string>
#include <string_view>

namespace ei::source {

// A `_timestamp` for a document whose backend gives no modification time (a MongoDB
// document, a Jira project, a Confluence space), where the reference sent none or "now" and
// re-indexed it on every sync: a digest of the document's content, written as a date so that
// it fits the `_timestamp` of any index (dynamic mappings make it a date): 48 bits of the MD5
// of the document's JSON, as microseconds after 1900-01-01, so in 1900-1908: visibly not a
// real time. Equal content, equal stamp: an unchanged document is skipped.
std::string content_stamp(std::string_view serialized_document);

}  // namespace ei::source
