#pragma once

// The one writer of `_bulk` bodies (NDJSON): an action line, then for index/create/update the
// body line, each ending in '\n'. Serialised JSON never holds a raw newline, so a line is
// always one JSON value. Everything is appended in place: no string per document.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "es/bulk_operation.hpp"

namespace ei::es {

// Appends `value` serialised, without a newline.
void append_json(std::string& out, const boost::json::value& value);
void append_json(std::string& out, const boost::json::object& object);

// Appends `{"<op>":{"_index":<index>,"_id":<id>[,"pipeline":<pipeline>]}}\n`. Without an id
// (an index action whose id Elasticsearch generates) `_id` is left out; an empty id is
// written, for Elasticsearch to refuse. `pipeline` is never written for a delete.
void append_bulk_action(std::string& out, BulkOpType op, std::string_view index,
                        std::optional<std::string_view> id,
                        const std::optional<std::string>& pipeline = {});

}  // namespace ei::es
