#include "sources/rest/attachment_download.hpp"

#include "core/logging.hpp"
#include "source/attachment.hpp"
#include "source/download_eligibility.hpp"

namespace ei::sources::rest {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

asio::awaitable<std::optional<json::object>> download(std::shared_ptr<RestClient> client,
                                                      std::string path, std::string id,
                                                      std::optional<std::string> timestamp) {
  auto getting = client->get_bytes(path);
  const std::string body = co_await std::move(getting);
  co_return source::attachment(id, timestamp, body);
}

}  // namespace

source::LazyDownload attachment_download(std::shared_ptr<RestClient> client, std::string path,
                                         std::string file_name, std::string id,
                                         std::optional<std::uint64_t> size) {
  return [client = std::move(client), path = std::move(path), name = std::move(file_name),
          id = std::move(id), size](bool doit, std::optional<std::string> timestamp) {
    if (!doit) return source::no_download();
    const source::DownloadVerdict verdict = source::download_verdict(name, size.value_or(0));
    if (verdict == source::DownloadVerdict::too_large ||
        verdict == source::DownloadVerdict::unsupported_extension) {
      core::log().warn("{}", source::describe_skip(verdict, name, size));
    }
    if (verdict != source::DownloadVerdict::download) return source::no_download();
    return download(client, path, id, std::move(timestamp));
  };
}

}  // namespace ei::sources::rest
