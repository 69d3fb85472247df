// The S3 answers as AWS documents them (ListObjects, ListBuckets, GetBucketLocation, errors).
#include "sources/s3/s3_listing.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ei::sources {
namespace {

TEST(S3Listing, ReadsAPageWithOwnersAndUrlEncodedKeys) {
  const S3ObjectPage page = parse_object_page(R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>docs</Name><Prefix></Prefix><Marker></Marker><MaxKeys>2</MaxKeys>
  <EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
  <Contents><Key>reports/2024+Q1/r%C3%A9sum%C3%A9.pdf</Key>
    <LastModified>2023-03-01T10:00:00.000Z</LastModified><ETag>"x"</ETag><Size>1234</Size>
    <Owner><ID>abc</ID><DisplayName>ann</DisplayName></Owner><StorageClass>STANDARD</StorageClass>
  </Contents>
  <Contents><Key>z%2Bplus.txt</Key><LastModified>2023-03-02T10:00:00.120Z</LastModified>
    <Size>0</Size><StorageClass>GLACIER</StorageClass></Contents>
</ListBucketResult>)",
                                              true);
  ASSERT_EQ(page.objects.size(), 2u);
  EXPECT_EQ(page.objects[0].key, "reports/2024 Q1/résumé.pdf");
  EXPECT_EQ(page.objects[0].size, 1234u);
  EXPECT_EQ(page.objects[0].owner, "ann");
  EXPECT_EQ(page.objects[0].storage_class, "STANDARD");
  EXPECT_EQ(page.objects[0].last_modified, "2023-03-01T10:00:00.000Z");
  EXPECT_EQ(page.objects[1].key, "z+plus.txt");
  EXPECT_EQ(page.objects[1].owner, "");
  // Truncated without NextMarker (no delimiter): the last key is the marker.
  EXPECT_EQ(page.next_marker, "z+plus.txt");
}

TEST(S3Listing, TheLastPageHasNoMarkerAndNextMarkerWinsWhenGiven) {
  const S3ObjectPage last = parse_object_page(
      "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a</Key><Size>1</Size>"
      "</Contents></ListBucketResult>",
      false);
  EXPECT_FALSE(last.next_marker);
  const S3ObjectPage next = parse_object_page(
      "<ListBucketResult><IsTruncated>true</IsTruncated><NextMarker>m%2F1</NextMarker>"
      "<Contents><Key>a</Key><Size>1</Size></Contents></ListBucketResult>",
      true);
  EXPECT_EQ(next.next_marker, "m/1");
  EXPECT_THROW(parse_object_page("<ListBucketResult><IsTruncated>true</IsTruncated>"
                                 "</ListBucketResult>",
                                 false),
               core::Error);
  EXPECT_THROW(parse_object_page("<ListBucketResult><Contents><Key>a</Key><Size>-1</Size>"
                                 "</Contents></ListBucketResult>",
                                 false),
               core::Error);
  EXPECT_THROW(parse_object_page("<Error><Code>x</Code></Error>", false), core::Error);
}

TEST(S3Listing, BucketsLocationsAndErrors) {
  const S3BucketPage buckets = parse_bucket_page(
      "<ListAllMyBucketsResult><Owner><ID>1</ID></Owner><Buckets>"
      "<Bucket><Name>one</Name><CreationDate>2023-01-01T00:00:00.000Z</CreationDate></Bucket>"
      "<Bucket><Name>two</Name></Bucket></Buckets>"
      "<ContinuationToken>next</ContinuationToken></ListAllMyBucketsResult>");
  EXPECT_EQ(buckets.names, (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(buckets.continuation_token, "next");
  EXPECT_EQ(parse_bucket_location("<LocationConstraint/>"), "");
  EXPECT_EQ(
      parse_bucket_location(
          R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-central-1</LocationConstraint>)"),
      "eu-central-1");
  EXPECT_EQ(parse_bucket_location("<LocationConstraint>EU</LocationConstraint>"), "eu-west-1");
  const auto error = parse_error_document(
      "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>"
      "<BucketName>x</BucketName></Error>");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, "NoSuchBucket");
  EXPECT_EQ(error->message, "The specified bucket does not exist");
  EXPECT_FALSE(parse_error_document(""));
  EXPECT_FALSE(parse_error_document("<html>bad gateway</html>"));
}

}  // namespace
}  // namespace ei::sources
