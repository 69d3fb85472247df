#pragma once

#include <string>

namespace ei::tns {

// `(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=p))(CONNECT_DATA=(SID=s)))`, the connect
// descriptor of sources spec §7.2, with the client's identification (CID) added as Oracle's
// drivers send it. Characters that would end a value early ('(', ')', '=') are escaped with
// a backslash, as Oracle Net's syntax allows.
std::string connect_descriptor(const std::string& protocol, const std::string& host, int port,
                               const std::string& sid, const std::string& program,
                               const std::string& os_user);

// A value as Oracle Net's descriptor syntax needs it (see above).
std::string descriptor_value(const std::string& value);

}  // namespace ei::tns
