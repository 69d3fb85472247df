#pragma once

// The paging forms of the vendors' REST APIs: given the URL of the page just read and its
// JSON, where the next page is (nothing after the last). Pure functions, so that each form is
// tested without a server; for_each_page walks a listing with one of them.
//
//   Jira          startAt / maxResults / total    next_start_at
//   Confluence    _links.next (a relative link)   next_link
//   Confluence    start / limit / size            next_start_limit
//   SharePoint    $skip / $top                    next_skip_top
//   SharePoint    odata.nextLink / __next         next_odata_link

#include <boost/asio/awaitable.hpp>
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sources/rest/rest_client.hpp"

namespace ei::sources::rest {

// `url` with the query parameter `name` set to `value` (replaced when present, else added).
std::string with_query_parameter(std::string_view url, std::string_view name,
                                 std::string_view value);
// The value of the query parameter `name` of `url`, decoded.
std::optional<std::string> query_parameter(std::string_view url, std::string_view name);

// Jira: the page's `startAt` plus the number of entries of `items_key` it holds, while that
// is below `total`. Counting what came (not the `maxResults` asked) follows a server that
// caps the page size.
std::optional<std::string> next_start_at(std::string_view url, const boost::json::value& page,
                                         std::string_view items_key);
// Confluence's `_links.next` (a link starting with `/`), kept relative: RestClient::url
// appends it to the base URL.
std::optional<std::string> next_link(const boost::json::value& page);
// Confluence v1 without links: `start` + `size` while `size` equals `limit`.
std::optional<std::string> next_start_limit(std::string_view url, const boost::json::value& page);
// SharePoint's `$skip` += `$top` while the page (entries of `d.results` or `value`) is full.
std::optional<std::string> next_skip_top(std::string_view url, const boost::json::value& page);
// SharePoint's `odata.nextLink`, `@odata.nextLink` or `d.__next` (absolute URLs).
std::optional<std::string> next_odata_link(const boost::json::value& page);

using NextPage =
    std::function<std::optional<std::string>(std::string_view url, const boost::json::value& page)>;
using PageHandler = std::function<boost::asio::awaitable<void>(boost::json::value page)>;

// Reads the pages of a listing from `first` on, giving each to `handle` before reading the
// next. A page error (after the client's retries) is thrown; a next link that repeats the
// page just read ends the walk instead of looping forever.
boost::asio::awaitable<void> for_each_page(RestClient& client, std::string first, NextPage next,
                                           PageHandler handle);

}  // namespace ei::sources::rest
