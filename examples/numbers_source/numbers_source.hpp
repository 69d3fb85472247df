#pragma once

// The smallest complete source, the example of docs/writing-a-source.md: it "reads" the
// numbers 1..count from a backend that is its own configuration. Each number is a document
// with a stable id and timestamp, and a lazy download whose content is the number in words.
// It is built and run by the conformance suite (tests/unit/sources/conformance_test.cpp).

#include <memory>

#include "source/data_source.hpp"
#include "source/source_context.hpp"

namespace ei::examples {

class NumbersSource : public source::DataSource {
 public:
  static constexpr const char* kServiceType = "numbers";

  // Its service type, display name and the configuration the service writes into a new
  // connector: `count` (how many numbers) and `prefix` (of every id).
  static std::shared_ptr<const source::SourceDescriptor> descriptor_ptr();

  // Reads the configuration; no I/O (the service builds sources to show their schema).
  NumbersSource(source::DataSourceConfiguration configuration,
                const source::SourceContext& context);

  // Nothing to reach: a real source opens a connection here and throws SourceError.
  boost::asio::awaitable<void> ping() override;

  // Emits count documents, awaiting each emit: the engine's backpressure, and its way of
  // stopping us (emit throws).
  boost::asio::awaitable<void> get_docs(source::DocumentSink& sink,
                                        const protocol::Filter& filter) override;

 private:
  std::int64_t count_;
  std::string prefix_;
};

}  // namespace ei::examples
