#include "tns/connect_descriptor.hpp"

namespace ei::tns {

std::string descriptor_value(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '(' || c == ')' || c == '=' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string connect_descriptor(const std::string& protocol, const std::string& host, int port,
                               const std::string& sid, const std::string& program,
                               const std::string& os_user) {
  return "(DESCRIPTION=(ADDRESS=(PROTOCOL=" + descriptor_value(protocol) +
         ")(HOST=" + descriptor_value(host) + ")(PORT=" + std::to_string(port) +
         "))(CONNECT_DATA=(SID=" + descriptor_value(sid) +
         ")(CID=(PROGRAM=" + descriptor_value(program) +
         ")(HOST=localhost)(USER=" + descriptor_value(os_user) + "))))";
}

}  // namespace ei::tns
