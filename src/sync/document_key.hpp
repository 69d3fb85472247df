#pragma once

// How documents are matched against the index without keeping their ids (spec §13.2, §13.3):
// both sides reduce an id to its text form (the ES `_id` is always text; a source's numeric
// `_id` 5 matches a stored `_source.id` 5) and then to a 64-bit hash. Hashes never leave
// the process, so they only have to agree within one sync.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace ei::sync {

// Strings as they are, any other JSON value serialized (5 → "5").
std::string id_text(const boost::json::value& id);

// A 64-bit hash of the id text; never 0.
std::uint64_t id_key(std::string_view id_text);

// 0 when the document has no `_timestamp`, else a hash of the value (never 0), so that equal
// hashes mean equal timestamps of the same JSON type (up to a 2^-64 collision).
std::uint64_t timestamp_key(const boost::json::object& document);

// The key of a document whose `_timestamp` is the string `text`.
std::uint64_t timestamp_key(std::string_view text);

}  // namespace ei::sync
