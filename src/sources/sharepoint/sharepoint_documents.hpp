#pragma once

// The documents of the SharePoint source (sources spec §12.6), from the REST answers (light
// OData form): pure functions, tested without a server. `host` is the configured host URL;
// server-relative paths are resolved against it as RFC 3986 does (the path replaces any path
// of the host URL).

#include <boost/json.hpp>
#include <optional>
#include <string>

namespace ei::sources::sharepoint {

// `scheme://authority` of `host` + `path` (a server-relative path).
std::string resolve(const std::string& host, const std::string& path);

// A server-relative URL as the file endpoints take it: percent-encoded but for `'` (doubled,
// as OData string literals escape it) and the unreserved characters.
std::string encoded_server_relative_url(const std::string& url);

boost::json::object site_document(const boost::json::object& web);

// A list (`lists`) or document library (`document_library`).
boost::json::object list_document(const boost::json::object& list, const std::string& host);

// A file or folder of a document library; nothing without a GUID.
std::optional<boost::json::object> drive_item_document(const boost::json::object& item,
                                                       const std::string& host);

// A list item without attachments (`url` its display form).
std::optional<boost::json::object> list_item_document(const boost::json::object& item,
                                                      const boost::json::object& list,
                                                      const std::string& host);

// One document per attachment of a list item, from the item's document and the attachment's
// file metadata (`UniqueId`, `Name`, `Length`, `ServerRelativeUrl`).
std::optional<boost::json::object> attachment_document(boost::json::object item_document,
                                                       const boost::json::object& file,
                                                       const std::string& host);

}  // namespace ei::sources::sharepoint
