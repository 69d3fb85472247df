#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "sources/network_drive/smb_session.hpp"

namespace ei::sources::smb {

// The SMB sessions of one connector. libsmbclient contexts are not safe to share between
// threads, so each blocking call leases a session of its own for its duration: the walk uses
// one, each concurrent download another, and an idle session is reused rather than logging on
// again. A session whose call failed is dropped (its connection may be gone): the next lease
// logs on afresh.
class SmbSessionPool {
 public:
  explicit SmbSessionPool(SmbSettings settings) : settings_(std::move(settings)) {}

  // Runs `work(session)` on an idle session, or a new one; rethrows what it threw.
  template <typename Work>
  auto with_session(Work&& work) {
    std::unique_ptr<SmbSession> session = take();
    auto result = work(*session);  // when it throws, the session is dropped
    give_back(std::move(session));
    return result;
  }

  const SmbSettings& settings() const { return settings_; }

 private:
  std::unique_ptr<SmbSession> take() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<SmbSession> session = std::move(idle_.back());
        idle_.pop_back();
        return session;
      }
    }
    return std::make_unique<SmbSession>(settings_);
  }
  void give_back(std::unique_ptr<SmbSession> session) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(session));
  }

  const SmbSettings settings_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SmbSession>> idle_;
};

}  // namespace ei::sources::smb
