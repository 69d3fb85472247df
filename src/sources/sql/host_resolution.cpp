#include "sources/sql/host_resolution.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ei::sources::sql {

namespace asio = boost::asio;

asio::awaitable<std::string> numeric_host(asio::any_io_executor executor, std::string host,
                                          unsigned int port) {
  if (host.empty() || host.front() == '/') co_return host;
  boost::system::error_code error;
  asio::ip::make_address(host, error);
  if (!error) co_return host;
  asio::ip::tcp::resolver resolver(executor);
  auto resolving = resolver.async_resolve(host, std::to_string(port),
                                          asio::redirect_error(asio::use_awaitable, error));
  auto results = co_await std::move(resolving);
  if (error || results.empty()) co_return host;
  co_return results.begin()->endpoint().address().to_string();
}

}  // namespace ei::sources::sql
