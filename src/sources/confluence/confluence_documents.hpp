#pragma once

// The documents of the Confluence source (sources spec §13.5), from the REST v1 answers: pure
// functions, tested without a server. `base` is the API base (the URL, plus `/wiki` on Cloud)
// that the `_links.webui` paths are appended to.

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ei::sources::confluence {

// `_id` the space id, `type` "Space", `title` its name, `url`. `_timestamp` is a stamp of the
// space's content (source/content_stamp.hpp): the reference used "now", which re-sent every
// space on every sync.
boost::json::object space_document(const boost::json::object& space, const std::string& base);

// A page or blog post: `_id`, `type`, `_timestamp` (`history.lastUpdated.when`), `title`,
// `space` (its name), `body` (storage format), `url`. Nothing without an id.
std::optional<boost::json::object> content_document(const boost::json::object& content,
                                                    const std::string& base);

// An attachment of `parent` (a page or blog post): `_id`, `type`, `title`, `space`, the
// parent's type as key with its title, `_timestamp` (`version.when`), `size`
// (`extensions.fileSize`), `url`. Nothing without an id.
std::optional<boost::json::object> attachment_document(const boost::json::object& attachment,
                                                       const boost::json::object& parent,
                                                       const std::string& base);

// How many attachments a content of the search has (`children.attachment.size`).
std::int64_t attachment_count(const boost::json::object& content);

// The CQL of the content search: `type=<type>`, or `space in ('S1','S2') AND type=<type>`
// (quotes in a key escaped, so that a key cannot change the query).
std::string content_cql(const std::vector<std::string>& spaces, const std::string& type);

// `base` + a path the API returned (`/spaces/X`), with one slash between.
std::string join_url(const std::string& base, const std::string& path);

}  // namespace ei::sources::confluence
