#include "sources/object_store/xml_element.hpp"

#include <expat.h>

#include <memory>

#include "core/error.hpp"

namespace ei::sources::object_store {

namespace {

struct TreeBuilder {
  XmlElement root;
  std::vector<XmlElement*> open;  // the path from the root to the element being read
  bool has_root = false;
};

std::string_view local_name(const XML_Char* name) {
  std::string_view full(name);
  const std::size_t colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** /*attributes*/) {
  auto& builder = *static_cast<TreeBuilder*>(data);
  XmlElement* element = nullptr;
  if (builder.open.empty()) {
    element = &builder.root;
    builder.has_root = true;
  } else {
    element = &builder.open.back()->children.emplace_back();
  }
  element->name = std::string(local_name(name));
  builder.open.push_back(element);
}

void XMLCALL on_end(void* data, const XML_Char* /*name*/) {
  static_cast<TreeBuilder*>(data)->open.pop_back();
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
  auto& builder = *static_cast<TreeBuilder*>(data);
  if (!builder.open.empty())
    builder.open.back()->text.append(text, static_cast<std::size_t>(length));
}

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
  for (const XmlElement& candidate : children) {
    if (candidate.name == child_name) return &candidate;
  }
  return nullptr;
}

std::string XmlElement::child_text(std::string_view child_name, std::string_view fallback) const {
  const XmlElement* found = child(child_name);
  return found != nullptr ? found->text : std::string(fallback);
}

XmlElement parse_xml(std::string_view text) {
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                      &XML_ParserFree);
  if (!parser) throw core::Error("cannot create an XML parser");
  TreeBuilder builder;
  XML_SetUserData(parser.get(), &builder);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  if (XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), XML_TRUE) !=
      XML_STATUS_OK) {
    throw core::Error("malformed XML (" +
                      std::string(XML_ErrorString(XML_GetErrorCode(parser.get()))) + " at line " +
                      std::to_string(XML_GetCurrentLineNumber(parser.get())) + ")");
  }
  if (!builder.has_root) throw core::Error("malformed XML (no element)");
  return std::move(builder.root);
}

}  // namespace ei::sources::object_store
