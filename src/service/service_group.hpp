#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "service/loop_service.hpp"

namespace ei::service {

// The services of one process run side by side on the event loop (spec §2.3 step 6, §2.4).
// stop() stops them all gracefully; when one ends with an error (its error budget), the
// others are stopped too and run() reports that error.
class ServiceGroup {
 public:
  void add(std::unique_ptr<LoopService> service) { services_.push_back(std::move(service)); }

  // Completes when every service has returned; the failure of the first one that threw.
  boost::asio::awaitable<std::optional<std::string>> run(boost::asio::any_io_executor executor);
  void stop();

 private:
  std::vector<std::unique_ptr<LoopService>> services_;
};

}  // namespace ei::service
