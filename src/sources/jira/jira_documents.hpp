#pragma once

// The documents of the Jira source (sources spec §14.5), from the REST v2 answers: pure
// functions, tested without a server.

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ei::sources::jira {

// `project-<id>`, `Type` "Project", `Project` the whole project. `_timestamp` is a stamp of
// the project's content (source/content_stamp.hpp): the reference used "now" in the user's
// time zone, which re-indexed every project on every sync.
boost::json::object project_document(const boost::json::object& project);

// `<fields.project.name>-<key>`, `_timestamp` `fields.updated` as Jira wrote it, `Type` the
// issue type's name, `Issue` the whole `fields` object. Nothing when the issue has no key or
// no `fields` (the caller reports it).
std::optional<boost::json::object> issue_document(const boost::json::object& issue);

// One attachment of `fields.attachment`: `<issue key>-<id>`, `title` the file name, `Type`
// "Attachment", `issue` the key, `_timestamp` `created`, `size`.
boost::json::object attachment_document(const std::string& issue_key,
                                        const boost::json::object& attachment);

// The JQL of the issue search: empty for every project, else `project in (K1,K2)` (each key
// quoted when it is not a plain Jira key, so that a key cannot change the query).
std::string search_jql(const std::vector<std::string>& projects);

// The path of an attachment's content: Cloud's `/rest/api/2/attachment/content/<id>`, or
// Server's `/secure/attachment/<id>/<file name, percent-encoded>`.
std::string attachment_path(bool cloud, const std::string& id, const std::string& file_name);

}  // namespace ei::sources::jira
