#pragma once

// The XML answers of S3 and Azure listings, read into a small tree with expat. A listing page
// holds at most a few thousand entries, so one page as a tree is small; the listing itself is
// read page by page.

#include <string>
#include <string_view>
#include <vector>

namespace ei::sources::object_store {

struct XmlElement {
  std::string name;  // local name: a namespace prefix is dropped
  std::string text;  // the character data directly inside, concatenated
  std::vector<XmlElement> children;

  // The first child named `name`, or null.
  const XmlElement* child(std::string_view child_name) const;
  // The text of the first child named `name`, or `fallback` when there is none.
  std::string child_text(std::string_view child_name, std::string_view fallback = "") const;
};

// The root element of `text`. Throws core::Error naming expat's reason and the line when the
// text is not well-formed XML.
XmlElement parse_xml(std::string_view text);

}  // namespace ei::sources::object_store
