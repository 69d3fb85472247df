#pragma once

#include <string>

namespace ei::http::test {

// A throw-away certificate authority and a server certificate it signed for
// localhost / 127.0.0.1, made with the OpenSSL C API at test time (PEM strings).
struct TestPki {
  std::string ca_certificate_pem;
  std::string server_certificate_pem;
  std::string server_private_key_pem;

  static TestPki generate(const std::string& ca_name);
};

}  // namespace ei::http::test
