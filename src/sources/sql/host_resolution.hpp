#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <string>

namespace ei::sources::sql {

// The numeric address of `host` resolved on Asio's resolver: the client libraries resolve
// names with a blocking getaddrinfo inside their "non-blocking" connect calls, so they are
// given an address instead. Numeric hosts, empty hosts and socket paths are returned as they
// are; a name that does not resolve is returned unchanged too (the library reports it).
boost::asio::awaitable<std::string> numeric_host(boost::asio::any_io_executor executor,
                                                 std::string host, unsigned int port);

}  // namespace ei::sources::sql
