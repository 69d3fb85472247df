#pragma once

// What a connector's content index is created with (spec §12.2-12.4): the default mappings
// the service puts on an index whose mappings are empty, and the analysis settings those
// mappings rely on (used by fake-kibana in 8.8, by the service itself from 8.13).

#include <boost/json.hpp>
#include <string_view>

namespace ei::protocol {

inline constexpr std::string_view kDefaultLanguage = "en";

// <TEXT_FIELD> of spec §12.2: how every dynamically mapped string field is indexed.
boost::json::object text_field_mapping();

// The doc-value-only keyword sub-field holding each date-mapped `_timestamp` exactly as sent.
inline constexpr std::string_view kExactTimestampField = "_timestamp.exact";

// {"dynamic": "true", "dynamic_templates": [...], "properties": {...}} (spec §12.2),
// `dynamic` as the string "true" as the reference sends it, plus our `timestamp_exact`
// template after the spec's `data` one (kExactTimestampField).
boost::json::object default_content_mappings();

// {"analysis": {"analyzer": ..., "filter": ...}, "index": {"similarity": ...}} for a
// language code (spec §12.3). `icu` selects the ICU tokenizer and folding. Throws
// ProtocolError `Language '<code>' is not supported` for a code outside the table.
boost::json::object analysis_settings(std::string_view language_code = kDefaultLanguage,
                                      bool icu = false);

// Body of `PUT /<content index>`: {"settings": analysis_settings, "mappings": defaults}.
boost::json::object content_index_creation_body(std::string_view language_code = kDefaultLanguage,
                                                bool icu = false);

}  // namespace ei::protocol
