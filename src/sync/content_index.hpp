#pragma once

// Preparing a connector's content index before a sync (spec §12.1-12.4).

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

namespace ei::es {
class EsClient;
}

namespace ei::sync {

// Creates `index` when absent with the spec's analysis settings for `language` and the
// default connector mappings; puts the default mappings on an existing index whose mappings
// are empty (minus the analyzer references such an index does not define, with a warning);
// leaves any other existing index as it is. On engines without the analysis modules the
// settings need (core-only Elasticsearch 8/9 nodes), creates the index with the mappings and
// the engine's standard analyzer, and logs a warning saying so. Throws ProtocolError for an
// unsupported language before any request.
boost::asio::awaitable<void> prepare_content_index(es::EsClient& es, std::string index,
                                                   std::string_view language = "en");

}  // namespace ei::sync
