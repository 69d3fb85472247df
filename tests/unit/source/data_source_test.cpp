// The DataSource contract's defaults and the shared helpers sources use.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "source/blocking.hpp"
#include "source/blocking_prefetch.hpp"
#include "source/content_types.hpp"
#include "source/errors.hpp"
#include "source/python_timestamp.hpp"
#include "unit/source/test_support.hpp"

namespace ei::source {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

// The smallest source: two documents, the first with a download.
class TinySource : public DataSource {
 public:
  explicit TinySource(DataSourceConfiguration configuration)
      : DataSource(type_descriptor(), std::move(configuration)) {}

  static std::shared_ptr<const SourceDescriptor> type_descriptor() {
    static auto value = std::make_shared<const SourceDescriptor>(
        SourceDescriptor{"tiny",
                         "Tiny",
                         {ConfigField{.key = "host", .label = "Host", .value = "localhost"},
                          ConfigField{.key = "port",
                                      .label = "Port",
                                      .type = FieldType::kInt,
                                      .value = 1,
                                      .validations = {{"greater_than", 0}}}}});
    return value;
  }

  asio::awaitable<void> ping() override { co_return; }

  asio::awaitable<void> get_docs(DocumentSink& sink, const protocol::Filter&) override {
    SourceDocument first;
    first.document["_id"] = "1";
    first.download = &download;
    co_await sink.emit(std::move(first));
    SourceDocument second;
    second.document["_id"] = "2";
    co_await sink.emit(std::move(second));
  }

  static asio::awaitable<std::optional<json::object>> download(bool doit,
                                                               std::optional<std::string>) {
    if (!doit) co_return std::nullopt;
    json::object content;
    content["_attachment"] = "eA==";
    co_return content;
  }
};

TEST(DataSource, DescriptorAndDeclaredDefaultsApply) {
  TinySource source(DataSourceConfiguration(json::parse(R"({"port": {"value": "8"}})")));
  EXPECT_EQ(source.service_type(), "tiny");
  EXPECT_EQ(source.display_name(), "Tiny");
  EXPECT_EQ(source.descriptor().default_configuration.fields().size(), 2u);
  EXPECT_EQ(source.configuration()["port"], json::value(8));  // declared int type
  EXPECT_EQ(source.configuration()["host"], json::value("localhost"));
}

TEST(DataSource, DefaultMembers) {
  testing::Loop loop;
  TinySource source(DataSourceConfiguration(json::parse(R"({"port": 5, "host": "h"})")));
  EXPECT_TRUE(loop.run(source.changed()));
  EXPECT_NO_THROW(loop.run(source.validate_config()));
  EXPECT_NO_THROW(source.validate_config_fields());
  EXPECT_TRUE(source.advanced_rules_validators().empty());
  EXPECT_TRUE(source.extra_basic_rules_validators().empty());
  core::BulkOptions options;
  source.tweak_bulk_options(options);
  EXPECT_EQ(options.concurrent_downloads, 10u);
  EXPECT_EQ(source.hash_id("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_NO_THROW(loop.run(source.close()));
}

TEST(DataSource, ValidateConfigRunsTheSchemaCheck) {
  testing::Loop loop;
  TinySource source(DataSourceConfiguration(json::parse(R"({"port": {"label": "Port",
      "value": 0, "validations": [{"type": "greater_than", "constraint": 0}]}})")));
  try {
    loop.run(source.validate_config());
    FAIL();
  } catch (const ConfigurableFieldValueError& error) {
    EXPECT_STREQ(error.what(),
                 "Field validation errors: 'Port' value '0' should be greater than 0.");
  }
  try {
    source.validate_config_fields();
    FAIL();
  } catch (const MalformedConfigurationError& error) {
    EXPECT_STREQ(error.what(), "Connector has missing configuration fields: host");
  }
}

TEST(DataSource, GetDocsEmitsDocumentsWithDownloads) {
  testing::Loop loop;
  TinySource source(DataSourceConfiguration(nullptr));
  testing::MemorySink sink;
  loop.run(source.get_docs(sink, protocol::Filter()));
  ASSERT_EQ(sink.documents.size(), 2u);
  ASSERT_TRUE(sink.documents[0].download);
  EXPECT_FALSE(sink.documents[1].download);
  EXPECT_EQ(loop.run(sink.documents[0].download(false, std::nullopt)), std::nullopt);
  EXPECT_EQ(loop.run(sink.documents[0].download(true, "t"))->at("_attachment"), "eA==");
}

TEST(RunBlocking, RunsOffTheLoopAndReturnsOrRethrows) {
  testing::Loop loop;
  const auto loop_thread = std::this_thread::get_id();
  auto task = [&]() -> asio::awaitable<std::thread::id> {
    auto worker =
        co_await run_blocking(loop.pool.get_executor(), [] { return std::this_thread::get_id(); });
    EXPECT_EQ(std::this_thread::get_id(), loop_thread);  // resumed on the loop
    co_return worker;
  };
  EXPECT_NE(loop.run(task()), loop_thread);
  EXPECT_THROW(loop.run(run_blocking(loop.pool.get_executor(),
                                     []() -> int { throw std::runtime_error("boom"); })),
               std::runtime_error);
  int calls = 0;
  loop.run(run_blocking(loop.pool.get_executor(), [&calls] { ++calls; }));
  EXPECT_EQ(calls, 1);
}

// A sync canceled while a file is being read: the read finishes, the awaiting coroutine
// resumes with its result and ends. Before the fix the cancellation was emitted on the pool
// and the result was lost (the job hung) or the pool thread terminated the process.
TEST(RunBlocking, ACancellationWhileTheFunctionRunsStillDeliversItsResult) {
  for (int round = 0; round < 20; ++round) {
    asio::io_context io;
    asio::thread_pool pool(4);
    asio::cancellation_signal signal;
    std::optional<int> result;
    bool completed = false;
    auto task = [&]() -> asio::awaitable<void> {
      result = co_await run_blocking(pool.get_executor(), [] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        return 7;
      });
    };
    asio::co_spawn(io, task(), asio::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr) {
                     completed = true;
                   }));
    asio::steady_timer cancel_soon(io, std::chrono::milliseconds(round % 5));
    cancel_soon.async_wait(
        [&](boost::system::error_code) { signal.emit(asio::cancellation_type::terminal); });
    io.run_for(std::chrono::seconds(5));
    pool.join();
    ASSERT_TRUE(completed) << "round " << round;
    EXPECT_EQ(result, 7) << "round " << round;
  }
}

TEST(BlockingPrefetch, RunsOnThePoolAtOnceAndHandsTheResultOverOnTheLoop) {
  testing::Loop loop;
  const auto loop_thread = std::this_thread::get_id();
  std::atomic<bool> ran{false};
  std::thread::id worker;
  BlockingPrefetch<int> prefetch(loop.pool.get_executor(), loop.io.get_executor(), [&] {
    worker = std::this_thread::get_id();
    ran = true;
    return 42;
  });
  // Started before anyone awaits it.
  for (int i = 0; i < 500 && !ran; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_TRUE(ran);
  auto task = [&]() -> asio::awaitable<int> {
    const int value = co_await prefetch.take();
    EXPECT_EQ(std::this_thread::get_id(), loop_thread);
    co_return value;
  };
  EXPECT_EQ(loop.run(task()), 42);
  EXPECT_NE(worker, loop_thread);

  BlockingPrefetch<int> failing(loop.pool.get_executor(), loop.io.get_executor(),
                                []() -> int { throw std::runtime_error("no listing"); });
  EXPECT_THROW(loop.run(failing.take()), std::runtime_error);
}

TEST(ContentTypes, ExtensionsLikeSplitext) {
  EXPECT_EQ(file_extension("/a/b/file.tar.gz"), ".gz");
  EXPECT_EQ(file_extension("/a/b.d/file"), "");
  EXPECT_EQ(file_extension(".bashrc"), "");
  EXPECT_EQ(file_extension("/x/..txt"), "");
  EXPECT_EQ(file_extension("/x/..a.txt"), ".txt");
  EXPECT_EQ(file_extension("file."), ".");
  EXPECT_EQ(supported_extensions().size(), 24u);
  for (const char* name :
       {"a.txt",   "a.py",  "a.rst",  "a.html", "a.markdown", "a.json", "a.xml",  "a.csv",
        "a.md",    "a.ppt", "a.rtf",  "a.docx", "a.odt",      "a.xls",  "a.xlsx", "a.rb",
        "a.paper", "a.sh",  "a.pptx", "a.pdf",  "a.doc",      "a.aspx", "a.xlsb", "a.xlsm"}) {
    EXPECT_TRUE(has_supported_extension(name)) << name;
  }
  for (const char* name : {"a.PDF", "a.exe", "txt", ".txt", "a.txt.bak"}) {
    EXPECT_FALSE(has_supported_extension(name)) << name;
  }
  EXPECT_EQ(kMaxDownloadSize, 10485760u);
}

TEST(PythonTimestamp, MatchesDatetimeFromTimestamp) {
  EXPECT_EQ(python_utc_isoformat(0), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(python_utc_isoformat(python_stat_time(1683022272, 123456789)),
            "2023-05-02T10:11:12.123457+00:00");
  EXPECT_EQ(python_utc_isoformat(python_stat_time(1683022272, 999999900)),
            "2023-05-02T10:11:13+00:00");
  // Double precision first, as os.stat's float: 500 ns is lost, 1500 ns rounds to 1 µs.
  EXPECT_EQ(python_utc_isoformat(python_stat_time(1683022272, 500)), "2023-05-02T10:11:12+00:00");
  EXPECT_EQ(python_utc_isoformat(python_stat_time(1683022272, 1500)),
            "2023-05-02T10:11:12.000001+00:00");
  EXPECT_EQ(python_utc_isoformat(-1.5), "1969-12-31T23:59:58.500000+00:00");
  EXPECT_DOUBLE_EQ(python_stat_time(1, 500000000), 1.5);
}

}  // namespace
}  // namespace ei::source
