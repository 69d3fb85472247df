// AWS Signature Version 4 against known answers: the `get-vanilla` and
// `get-vanilla-query-order-key` cases of AWS's SigV4 test suite (credentials AKIDEXAMPLE,
// 2015-08-30T12:36:00Z, us-east-1, service "service"), and S3 requests (path-style listing
// with a session token, virtual-host download with a non-ASCII key) whose expected values
// were computed with botocore 1.43 (S3SigV4Auth), a client that is not ours.
#include "sources/object_store/aws_sigv4.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace ei::sources::object_store {
namespace {

const AwsCredentials kExample{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", {}};

core::TimePoint suite_time() {
  return core::to_time_point(*core::parse_iso_datetime("2015-08-30T12:36:00Z"));
}

std::string header(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "(absent)";
}

TEST(AwsSigV4, GetVanillaOfTheAwsTestSuite) {
  AwsRequest request;
  request.host = "example.amazonaws.com";
  const AwsSigningSteps steps =
      aws_signing_steps(request, kExample, "us-east-1", "service", suite_time());
  EXPECT_EQ(steps.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(steps.string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  EXPECT_EQ(steps.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

  const HeaderList signed_headers =
      aws_sign_v4(request, kExample, "us-east-1", "service", suite_time());
  EXPECT_EQ(header(signed_headers, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_EQ(header(signed_headers, "x-amz-date"), "20150830T123600Z");
  EXPECT_EQ(header(signed_headers, "x-amz-content-sha256"), "(absent)");  // not s3
}

TEST(AwsSigV4, QueryParametersAreSortedAndEncoded) {
  AwsRequest request;
  request.host = "example.amazonaws.com";
  request.query = {{"Param2", "value2"}, {"Param1", "value1"}};
  EXPECT_EQ(aws_signing_steps(request, kExample, "us-east-1", "service", suite_time()).signature,
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  EXPECT_EQ(aws_canonical_query(request.query), "Param1=value1&Param2=value2");
  EXPECT_EQ(aws_canonical_query({{"b", "x y/z"}, {"a", "2"}, {"a", "1"}}), "a=1&a=2&b=x%20y%2Fz");
}

TEST(AwsSigV4, PathStyleS3ListingWithASessionToken) {
  AwsCredentials temporary = kExample;
  temporary.session_token = "SESSION/TOKEN+1";
  AwsRequest request;
  request.host = "127.0.0.1:9100";
  request.path = "/my-bucket/";
  request.query = {{"list-type", "2"},
                   {"prefix", "folder a/"},
                   {"continuation-token", "1/abc=="},
                   {"max-keys", "1000"}};
  const AwsSigningSteps steps =
      aws_signing_steps(request, temporary, "eu-west-3", "s3", suite_time());
  EXPECT_EQ(steps.canonical_request,
            "GET\n/my-bucket/\n"
            "continuation-token=1%2Fabc%3D%3D&list-type=2&max-keys=1000&prefix=folder%20a%2F\n"
            "host:127.0.0.1:9100\n"
            "x-amz-content-sha256:"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20150830T123600Z\n"
            "x-amz-security-token:SESSION/TOKEN+1\n\n"
            "host;x-amz-content-sha256;x-amz-date;x-amz-security-token\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(steps.signature, "912bd4bd1d4a3752e40eecfda54f0c7d80b334181da31b6e921b10cefd8636e6");
  const HeaderList headers = aws_sign_v4(request, temporary, "eu-west-3", "s3", suite_time());
  EXPECT_EQ(header(headers, "x-amz-security-token"), "SESSION/TOKEN+1");
  EXPECT_EQ(header(headers, "x-amz-content-sha256"), AwsRequest::kEmptyPayloadSha256);
}

TEST(AwsSigV4, VirtualHostS3DownloadOfANonAsciiKey) {
  AwsRequest request;
  request.host = "docs.s3.eu-west-3.amazonaws.com";
  request.path = "/reports/2024 Q1/résumé.pdf";
  const AwsSigningSteps steps =
      aws_signing_steps(request, kExample, "eu-west-3", "s3", suite_time());
  EXPECT_EQ(steps.canonical_request.substr(0, steps.canonical_request.find('\n', 4)),
            "GET\n/reports/2024%20Q1/r%C3%A9sum%C3%A9.pdf");
  EXPECT_EQ(steps.signature, "f83aaf386455f6a22f58635dd1247e688b23e55a91ac4f48cf6c1543c134319a");
}

TEST(AwsSigV4, ExtraHeadersAreLowerCasedTrimmedAndSigned) {
  AwsRequest request;
  request.host = "example.amazonaws.com";
  request.headers = {{"Range", "  bytes=0-99  "}, {"X-Amz-Meta-Note", "a   b"}};
  const AwsSigningSteps steps =
      aws_signing_steps(request, kExample, "us-east-1", "s3", suite_time());
  EXPECT_EQ(steps.signed_headers, "host;range;x-amz-content-sha256;x-amz-date;x-amz-meta-note");
  EXPECT_NE(steps.canonical_request.find("range:bytes=0-99\n"), std::string::npos);
  EXPECT_NE(steps.canonical_request.find("x-amz-meta-note:a b\n"), std::string::npos);
  // Another secret signs differently: the key derivation uses it.
  AwsCredentials other = kExample;
  other.secret_access_key = "another";
  EXPECT_NE(aws_signing_steps(request, other, "us-east-1", "s3", suite_time()).signature,
            steps.signature);
}

TEST(AwsSigV4, UriEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(aws_uri_encode("AZaz09-_.~", false), "AZaz09-_.~");
  EXPECT_EQ(aws_uri_encode("a b+c=d/e", false), "a%20b%2Bc%3Dd%2Fe");
  EXPECT_EQ(aws_uri_encode("/a b/c", true), "/a%20b/c");
  EXPECT_EQ(aws_uri_encode("é", false), "%C3%A9");
}

}  // namespace
}  // namespace ei::sources::object_store
