#pragma once

#include <string>
#include <string_view>

namespace ei::sources::mongodb {

// A MongoDB document has no modification time, so the reference sends no `_timestamp` and
// re-indexes the whole collection on every sync. We stamp each document with a digest of its
// content instead, written as a date so that it fits the `_timestamp` of any index (the
// reference's dynamic mapping makes it a date): 48 bits of the MD5 of the document's JSON,
// as microseconds after 1900-01-01, so in 1900-1908: visibly not a real time. Equal content,
// equal stamp: an unchanged document is skipped.
std::string content_stamp(std::string_view serialized_document);

}  // namespace ei::sources::mongodb
