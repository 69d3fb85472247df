// Stops the real engine: the test script runs these last for each engine (ctest -R
// '^EngineStop'), after the rest of the integration suites.
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdlib>
#include <regex>
#include <thread>

#include "es_test_support.hpp"

namespace ei::es::testing {

namespace asio = boost::asio;

class EngineStop : public EsTest {};

TEST_F(EngineStop, RetriesThenRaisesAClearTransportError) {
  const std::string engine = engine_name();
  ASSERT_FALSE(engine.empty())
      << "EI_ENGINE must name the engine scripts/es-local started (es7, es8, es9, opensearch)";

  // A client whose retries end in seconds: sleeps 0.5 + 1 + 2 + 4 = 7.5 s (the next, 8 s,
  // would pass max_wait), so 5 attempts.
  EsOptions options = test_options();
  options.max_retries = 10;
  options.request_timeout = std::chrono::seconds(5);
  options.backoff =
      core::BackoffPolicy{std::chrono::milliseconds(500), 2.0, std::chrono::seconds(8)};
  EsClient client(io_.get_executor(), options);

  std::atomic<bool> stop_done{false};
  std::atomic<int> stop_status{-1};
  const std::string command =
      std::string(EI_SOURCE_DIR) + "/scripts/es-local stop --engine " + engine + " >/dev/null 2>&1";
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    stop_status = std::system(command.c_str());  // ES_PORT is inherited
    stop_done = true;
  });

  // Requests back to back until the engine is gone and the retries give up.
  int answered = 0;
  std::optional<UnavailableError> failure;
  std::chrono::steady_clock::duration failing_call{};
  auto loop = [&]() -> asio::awaitable<void> {
    asio::steady_timer pause(io_.get_executor());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      if (stop_done && stop_status != 0) co_return;  // stopping failed: nothing to observe
      const auto start = std::chrono::steady_clock::now();
      try {
        co_await client.info();
        ++answered;
      } catch (const UnavailableError& e) {
        failing_call = std::chrono::steady_clock::now() - start;
        failure = e;
        co_return;
      }
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::use_awaitable);
    }
  };
  run(loop());
  stopper.join();

  ASSERT_EQ(stop_status, 0) << command;
  EXPECT_GT(answered, 0) << "the engine answered before it was stopped";
  ASSERT_TRUE(failure) << "no transport error within 120 s of stopping the engine";
  EXPECT_EQ(failure->attempts(), 5) << failure->what();
  EXPECT_GE(client.stats().retries, 4u);
  // Slept 7.5 s in all; the attempts themselves fail fast once the port is closed.
  EXPECT_GE(failure->elapsed(), std::chrono::milliseconds(7500));
  EXPECT_LE(failing_call, options.backoff.max_wait + options.request_timeout);
  const std::regex message("Elasticsearch at " +
                           std::regex_replace(es_url(), std::regex(R"([.:/])"), R"(\$&)") +
                           R"( is unreachable after 5 attempts over [0-9]+\.[0-9] s: .+)");
  EXPECT_TRUE(std::regex_match(std::string(failure->what()), message)) << failure->what();
  EXPECT_FALSE(run(client.ping()));
}

}  // namespace ei::es::testing
