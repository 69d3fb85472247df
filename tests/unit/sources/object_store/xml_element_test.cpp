#include "sources/object_store/xml_element.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ei::sources::object_store {
namespace {

TEST(XmlElement, ReadsNestedElementsTextEntitiesAndDropsNamespacePrefixes) {
  const XmlElement root = parse_xml(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<s3:ListBucketResult xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">
  <s3:Name>docs</s3:Name>
  <s3:Contents><s3:Key>a &amp; b/r&#233;sum&#xE9;.txt</s3:Key><s3:Size>12</s3:Size></s3:Contents>
  <s3:Contents><s3:Key><![CDATA[<raw>]]></s3:Key></s3:Contents>
</s3:ListBucketResult>)");
  EXPECT_EQ(root.name, "ListBucketResult");
  EXPECT_EQ(root.child_text("Name"), "docs");
  ASSERT_EQ(root.children.size(), 3u);
  EXPECT_EQ(root.children[1].child_text("Key"), "a & b/résumé.txt");
  EXPECT_EQ(root.children[2].child_text("Key"), "<raw>");
  EXPECT_EQ(root.children[2].child("Size"), nullptr);
  EXPECT_EQ(root.children[2].child_text("Size", "none"), "none");
}

TEST(XmlElement, MalformedXmlIsAnErrorNamingTheLine) {
  try {
    parse_xml("<a>\n<b></a>");
    FAIL() << "malformed XML was read";
  } catch (const core::Error& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("malformed XML (mismatched tag at line 2)"));
  }
  EXPECT_THROW(parse_xml(""), core::Error);
  EXPECT_THROW(parse_xml("<html><body>proxy error"), core::Error);
}

}  // namespace
}  // namespace ei::sources::object_store
