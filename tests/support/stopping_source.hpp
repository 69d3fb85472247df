#pragma once

// A source whose backend is stopped part way through a sync: after `after` documents it runs
// tests/servers/<server>/stop --keep-data (./start resumes on the same data), for the "server
// stopped mid-sync" end-to-end tests.

#include <string>
#include <utility>

#include "e2e/sql_common/sql_test_support.hpp"
#include "source/data_source.hpp"

namespace ei::testing {

template <class Source>
class StoppingSource : public Source {
 public:
  using Source::Source;

  void stop_after(std::string server, int after) {
    server_ = std::move(server);
    after_ = after;
  }

  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override {
    Stopping stopping(sink, server_, after_);
    co_await Source::get_docs(stopping, filter);
  }

 private:
  class Stopping : public source::DocumentSink {
   public:
    Stopping(source::DocumentSink& inner, const std::string& server, int after)
        : inner_(inner), server_(server), after_(after) {}
    boost::asio::awaitable<void> emit(source::SourceDocument document) override {
      if (++emitted_ == after_) {
        std::string output;
        sql_testing::run_command(
            std::string(EI_SOURCE_DIR) + "/tests/servers/" + server_ + "/stop --keep-data 2>&1",
            output);
      }
      co_await inner_.emit(std::move(document));
    }
    void unreadable(std::string what, std::string why) override {
      inner_.unreadable(std::move(what), std::move(why));
    }

   private:
    source::DocumentSink& inner_;
    const std::string& server_;
    int after_;
    int emitted_ = 0;
  };

  std::string server_;
  int after_ = 0;
};

}  // namespace ei::testing
