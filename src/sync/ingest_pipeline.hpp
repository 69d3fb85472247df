#pragma once

// The ingest pipeline a connector names (spec §13.11, issue 3): owned by the stack in the
// product; created here when absent so that a local cluster behaves like Kibana's default.

#include <boost/asio/awaitable.hpp>
#include <string>

namespace ei::es {
class EsClient;
}

namespace ei::sync {

enum class PipelineAvailability {
  existing,  // the cluster already had it: used as it is, never overwritten
  created,   // created by us: attachment → body text, whitespace reduction, cleanup
  created_without_extraction,  // no attachment processor: whitespace reduction and cleanup
  unavailable,  // the engine has no ingest processors at all: sync without a pipeline
};

// Makes sure `name` exists, creating our equivalent of the default pipeline if it does not.
boost::asio::awaitable<PipelineAvailability> ensure_ingest_pipeline(es::EsClient& es,
                                                                    std::string name);

}  // namespace ei::sync
