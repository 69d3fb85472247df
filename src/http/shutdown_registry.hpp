#pragma once

#include <boost/asio/execution_context.hpp>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace ei::http::detail {

// Something holding completion handlers that no Asio service knows about.
class ShutdownListener {
 public:
  virtual ~ShutdownListener() = default;
  // The execution context is shutting down: destroy pending handlers without invoking
  // them, as Asio does with its own operations.
  virtual void on_shutdown() = 0;
};

// An Asio service that tells listeners when their execution context shuts down. Without
// it a coroutine suspended in Client::send while the io_context is destroyed would never
// be freed: its frame owns the Client, which owns the handler, which owns the frame.
class ShutdownRegistry : public boost::asio::execution_context::service {
 public:
  using key_type = ShutdownRegistry;
  static inline boost::asio::execution_context::id id;

  explicit ShutdownRegistry(boost::asio::execution_context& context)
      : boost::asio::execution_context::service(context) {}

  void add(const std::shared_ptr<ShutdownListener>& listener) {
    std::lock_guard lock(mutex_);
    listeners_[listener.get()] = listener;
  }
  void remove(ShutdownListener* listener) {
    std::lock_guard lock(mutex_);
    listeners_.erase(listener);
  }

 private:
  void shutdown() override {
    // A listener's handlers may own other listeners: walk a snapshot of weak pointers
    // and keep each one alive while it shuts down.
    std::vector<std::weak_ptr<ShutdownListener>> snapshot;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [raw, weak] : listeners_) snapshot.push_back(weak);
    }
    for (const auto& weak : snapshot) {
      if (auto listener = weak.lock()) listener->on_shutdown();
    }
  }

  std::mutex mutex_;
  std::unordered_map<ShutdownListener*, std::weak_ptr<ShutdownListener>> listeners_;
};

}  // namespace ei::http::detail
