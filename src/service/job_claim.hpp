#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "protocol/connector.hpp"
#include "protocol/sync_job.hpp"
#include "service/protocol_store.hpp"

namespace ei::service {

// Whether a job as just read may be claimed: it is `pending` or `suspended` and its
// document version is known (the claim is conditional on it).
bool claimable(const protocol::SyncJob& job);

// A won claim: the connector as it was before the lock was taken (for a release), and the
// job as claimed.
struct Claim {
  protocol::Connector connector_before_lock;
  protocol::SyncJob job;
};

// Spec §10.3 with the recommended hardening: take the connector's content-sync lock with a
// conditional write (3 attempts on conflicts), then claim the job with a write conditional
// on a fresh read of it (`if_seq_no`/`if_primary_term`). When the claim loses (another
// process claimed or finished the job), the lock is given back and nothing is returned, so a
// job never runs twice. Nothing is returned either when the lock is held or a document is
// gone.
boost::asio::awaitable<std::optional<Claim>> lock_and_claim(ProtocolStore& store,
                                                            std::string job_id,
                                                            std::string connector_id,
                                                            protocol::JobType job_type,
                                                            std::string hostname);

}  // namespace ei::service
