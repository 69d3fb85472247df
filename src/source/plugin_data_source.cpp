#include "source/plugin_data_source.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <exception>
#include <functional>
#include <future>
#include <optional>
#include <string>

#include "source/blocking.hpp"
#include "source/errors.hpp"

namespace ei::source {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

// The host side of one plug-in call: collects the failure message and the download
// result, and forwards emitted documents.
struct HostCall {
  HostCall() = default;
  HostCall(const HostCall&) = delete;  // `host` points at this object
  HostCall& operator=(const HostCall&) = delete;

  std::optional<std::string> error;
  std::optional<std::string> result;
  std::function<int(const char*, int)> on_emit;
  ei_source_host host{this, &HostCall::fail, &HostCall::emit, &HostCall::store_result};

  static void fail(void* context, const char* message) {
    static_cast<HostCall*>(context)->error = message != nullptr ? message : "";
  }
  static int emit(void* context, const char* document, int has_download) {
    auto* call = static_cast<HostCall*>(context);
    if (!call->on_emit || document == nullptr) return 1;
    return call->on_emit(document, has_download);
  }
  static void store_result(void* context, const char* object) {
    if (object != nullptr) static_cast<HostCall*>(context)->result = object;
  }
};

std::string failure(const std::string& service_type, std::string_view call, const HostCall& host) {
  std::string message = "Plug-in source '" + service_type + "' failed in " + std::string(call);
  if (host.error && !host.error->empty()) message += ": " + *host.error;
  return message;
}

json::object parse_object(const std::string& service_type, std::string_view what,
                          const std::string& text) {
  boost::system::error_code error;
  json::value value = json::parse(text, error);
  if (error || !value.is_object()) {
    throw SourceError("Plug-in source '" + service_type + "' returned an invalid " +
                      std::string(what) + " (expected a JSON object): " + text.substr(0, 200));
  }
  return std::move(value.get_object());
}

}  // namespace

// Owns the plug-in's instance handle; destroyed (plug-in destroy()) with the last owner,
// which may be a pending download after close().
class PluginDataSource::Instance {
 public:
  Instance(std::shared_ptr<PluginLibrary> library, void* handle)
      : library_(std::move(library)), handle_(handle) {}
  ~Instance() { library_->api().destroy(handle_); }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  const ei_source_plugin& api() const { return library_->api(); }
  const std::string& service_type() const { return library_->descriptor()->service_type; }
  void* handle() const { return handle_; }

 private:
  std::shared_ptr<PluginLibrary> library_;
  void* handle_;
};

namespace {

// A coroutine taking its state by value: the LazyDownload wrapper may be gone before the
// download finishes.
asio::awaitable<std::optional<json::object>> download(
    std::shared_ptr<PluginDataSource::Instance> instance, asio::any_io_executor blocking,
    std::string document, bool doit, std::optional<std::string> timestamp) {
  if (!doit || instance->api().download == nullptr) co_return std::nullopt;
  HostCall call;
  const int status = co_await run_blocking(blocking, [&] {
    return instance->api().download(instance->handle(), document.c_str(), &call.host);
  });
  if (status != 0) throw SourceError(failure(instance->service_type(), "download", call));
  if (!call.result) co_return std::nullopt;
  json::object content = parse_object(instance->service_type(), "download", *call.result);
  content["_id"] = json::parse(document).as_object().at("_id");
  content["_timestamp"] = timestamp ? json::value(*timestamp) : json::value(nullptr);
  co_return content;
}

LazyDownload make_download(std::shared_ptr<PluginDataSource::Instance> instance,
                           asio::any_io_executor blocking, std::string document) {
  return [instance = std::move(instance), blocking = std::move(blocking),
          document = std::move(document)](bool doit, std::optional<std::string> timestamp) {
    return download(instance, blocking, document, doit, std::move(timestamp));
  };
}

}  // namespace

PluginDataSource::PluginDataSource(std::shared_ptr<PluginLibrary> library,
                                   DataSourceConfiguration configuration, SourceContext context)
    : DataSource(library->descriptor(), std::move(configuration)),
      library_(std::move(library)),
      context_(std::move(context)) {}

PluginDataSource::~PluginDataSource() = default;

asio::awaitable<std::shared_ptr<PluginDataSource::Instance>> PluginDataSource::instance() {
  if (instance_) co_return instance_;
  const std::string values = json::serialize(configuration().values());
  HostCall call;
  const ei_source_plugin& api = library_->api();
  void* handle = co_await run_blocking(context_.blocking,
                                       [&] { return api.create(values.c_str(), &call.host); });
  if (handle == nullptr) throw SourceError(failure(service_type(), "create", call));
  instance_ = std::make_shared<Instance>(library_, handle);
  co_return instance_;
}

asio::awaitable<void> PluginDataSource::ping() {
  auto plugin = co_await instance();
  HostCall call;
  const int status = co_await run_blocking(
      context_.blocking, [&] { return plugin->api().ping(plugin->handle(), &call.host); });
  if (status != 0) throw SourceError(failure(service_type(), "ping", call));
}

asio::awaitable<bool> PluginDataSource::changed() {
  if (library_->api().changed == nullptr) co_return true;
  auto plugin = co_await instance();
  HostCall call;
  int changed = 1;
  const int status = co_await run_blocking(context_.blocking, [&] {
    return plugin->api().changed(plugin->handle(), &changed, &call.host);
  });
  if (status != 0) throw SourceError(failure(service_type(), "changed", call));
  co_return changed != 0;
}

asio::awaitable<void> PluginDataSource::validate_config() {
  co_await DataSource::validate_config();
  if (library_->api().validate_config == nullptr) co_return;
  auto plugin = co_await instance();
  HostCall call;
  const int status = co_await run_blocking(context_.blocking, [&] {
    return plugin->api().validate_config(plugin->handle(), &call.host);
  });
  if (status != 0) throw ConfigurationError(failure(service_type(), "validate_config", call));
}

asio::awaitable<void> PluginDataSource::get_docs(DocumentSink& sink,
                                                 const protocol::Filter& filter) {
  auto plugin = co_await instance();
  const asio::any_io_executor loop = co_await asio::this_coro::executor;
  const std::string filter_json = json::serialize(filter.to_json());
  std::exception_ptr stopped;  // why the sink refused a document

  HostCall call;
  call.on_emit = [&](const char* text, int has_download) -> int {
    // On the producer thread: parse here, then hand the document to the loop and wait
    // until the sink took it, which is the backpressure the plug-in feels.
    json::object document;
    try {
      document = parse_object(service_type(), "document", text);
    } catch (...) {
      stopped = std::current_exception();
      return 1;
    }
    SourceDocument emitted{std::move(document), {}};
    if (has_download != 0) emitted.download = make_download(plugin, context_.blocking, text);
    auto done = std::make_shared<std::promise<void>>();
    auto taken = done->get_future();
    asio::co_spawn(
        loop,
        [&sink, emitted = std::move(emitted)]() mutable -> asio::awaitable<void> {
          co_await sink.emit(std::move(emitted));
        },
        [done](std::exception_ptr error) {
          if (error) {
            done->set_exception(error);
          } else {
            done->set_value();
          }
        });
    try {
      taken.get();  // a loop torn down without running the handler breaks the promise
    } catch (...) {
      stopped = std::current_exception();
      return 1;
    }
    return 0;
  };

  asio::thread_pool producer(1);
  const int status = co_await run_blocking(producer.get_executor(), [&] {
    return plugin->api().get_docs(plugin->handle(), filter_json.c_str(), &call.host);
  });
  producer.join();
  if (stopped) std::rethrow_exception(stopped);
  if (status != 0) throw SourceError(failure(service_type(), "get_docs", call));
}

asio::awaitable<void> PluginDataSource::close() {
  instance_.reset();  // pending downloads keep the instance until they finish
  co_return;
}

}  // namespace ei::source
