#pragma once

#include <memory>

#include "source/data_source.hpp"
#include "source/plugin_library.hpp"
#include "source/source_context.hpp"

namespace ei::source {

// A DataSource backed by a C plug-in (plugin_abi.h). The plug-in's blocking calls run off
// the event loop: create/ping/changed/validate_config/download on the blocking pool, and
// get_docs on a thread of its own, because it blocks in every emit until the sink took the
// document, and must not hold a pool thread the downloads of those documents need.
class PluginDataSource : public DataSource {
 public:
  PluginDataSource(std::shared_ptr<PluginLibrary> library, DataSourceConfiguration configuration,
                   SourceContext context);
  ~PluginDataSource() override;

  boost::asio::awaitable<void> ping() override;
  boost::asio::awaitable<bool> changed() override;
  boost::asio::awaitable<void> validate_config() override;
  boost::asio::awaitable<void> get_docs(DocumentSink& sink,
                                        const protocol::Filter& filter) override;
  boost::asio::awaitable<void> close() override;

  class Instance;

 private:
  // The plug-in's instance, created on first use (constructors do no I/O).
  boost::asio::awaitable<std::shared_ptr<Instance>> instance();

  std::shared_ptr<PluginLibrary> library_;
  SourceContext context_;
  std::shared_ptr<Instance> instance_;
};

}  // namespace ei::source
