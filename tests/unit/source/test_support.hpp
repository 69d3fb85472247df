#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include "source/data_source.hpp"
#include "source/source_context.hpp"

namespace ei::source::testing {

// Collects every emitted document; can refuse after `limit` documents, as a stopped sync.
class MemorySink : public DocumentSink {
 public:
  boost::asio::awaitable<void> emit(SourceDocument document) override {
    if (limit && documents.size() >= *limit) throw core::Error("sink closed");
    documents.push_back(std::move(document));
    co_return;
  }

  void unreadable(std::string what, std::string why) override {
    unreadable_parts.emplace_back(std::move(what), std::move(why));
  }

  std::vector<SourceDocument> documents;
  std::vector<std::pair<std::string, std::string>> unreadable_parts;
  std::optional<std::size_t> limit;
};

// An event loop and a blocking pool, with a helper running one coroutine to completion.
struct Loop {
  boost::asio::io_context io;
  boost::asio::thread_pool pool{2};

  SourceContext context() { return SourceContext{io.get_executor(), pool.get_executor()}; }

  template <typename T>
  T run(boost::asio::awaitable<T> task) {
    std::exception_ptr failure;
    std::optional<T> result;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr error, T value) {
      failure = error;
      if (!error) result = std::move(value);
    });
    io.restart();
    io.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }

  void run(boost::asio::awaitable<void> task) {
    std::exception_ptr failure;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr error) { failure = error; });
    io.restart();
    io.run();
    if (failure) std::rethrow_exception(failure);
  }
};

}  // namespace ei::source::testing
