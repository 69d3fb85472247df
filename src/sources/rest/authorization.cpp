#include "sources/rest/authorization.hpp"

#include <exception>

#include "core/async_event.hpp"
#include "core/base64.hpp"

namespace ei::sources::rest {

namespace asio = boost::asio;

struct Authorization::Renewal {
  Renewal(asio::any_io_executor executor, TokenFetcher fetch, std::chrono::seconds before)
      : fetch(std::move(fetch)), renew_before(before), done(std::move(executor)) {}

  TokenFetcher fetch;
  std::chrono::seconds renew_before;
  AccessToken token;
  bool have_token = false;
  bool fetching = false;
  std::uint64_t round = 0;     // fetches finished, failed or not
  std::exception_ptr failure;  // of the last round
  int fetches = 0;
  core::AsyncEvent done;
};

Authorization::Authorization() = default;

Authorization Authorization::basic(const std::string& user, const std::string& password) {
  Authorization made;
  made.fixed_ = "Basic " + core::base64_encode(user + ":" + password);
  return made;
}

Authorization Authorization::bearer(const std::string& token) {
  Authorization made;
  made.fixed_ = "Bearer " + token;
  return made;
}

Authorization Authorization::renewed(asio::any_io_executor executor, TokenFetcher fetch,
                                     std::chrono::seconds renew_before) {
  Authorization made;
  made.renewal_ = std::make_shared<Renewal>(std::move(executor), std::move(fetch), renew_before);
  return made;
}

asio::awaitable<std::optional<std::string>> Authorization::header() const {
  if (!renewal_) co_return fixed_;
  const std::shared_ptr<Renewal> state = renewal_;
  for (;;) {
    if (state->have_token && core::Clock::now() + state->renew_before < state->token.expires_at) {
      co_return "Bearer " + state->token.value;
    }
    if (state->fetching) {
      const std::uint64_t waiting_for = state->round;
      while (state->round == waiting_for) co_await state->done.wait();
      if (state->failure) std::rethrow_exception(state->failure);
      continue;
    }
    state->fetching = true;
    ++state->fetches;
    std::exception_ptr failure;
    try {
      auto fetching = state->fetch();
      state->token = co_await std::move(fetching);
      state->have_token = true;
    } catch (...) {
      failure = std::current_exception();
      state->have_token = false;
    }
    state->failure = failure;
    state->fetching = false;
    ++state->round;
    state->done.notify_all();
    if (failure) std::rethrow_exception(failure);
    // A token that expires within the renewal margin is still used once rather than asked
    // for again in a loop.
    co_return "Bearer " + state->token.value;
  }
}

int Authorization::fetches() const {
  return renewal_ ? renewal_->fetches : 0;
}

}  // namespace ei::sources::rest
