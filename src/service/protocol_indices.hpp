#pragma once

// Creation of the two protocol indices when they are absent (issue 4 item 1; spec §7, §8).

#include <boost/asio/awaitable.hpp>

namespace ei::es {
class EsClient;
}

namespace ei::service {

// What ensure_protocol_indices did, per index.
struct ProtocolIndicesSetup {
  bool connectors_created = false;
  bool jobs_created = false;
};

// Makes sure `.elastic-connectors` and `.elastic-connectors-sync-jobs` exist. An absent name
// gets its `-v1` concrete index with the protocol mappings and settings, the name being a
// hidden alias over it. A name that exists, as an alias or as a plain index (Kibana's or
// fake-kibana's), is used as it is and never changed. Safe against a concurrent creator:
// "already exists" from a racing process counts as present.
boost::asio::awaitable<ProtocolIndicesSetup> ensure_protocol_indices(es::EsClient& es);

}  // namespace ei::service
