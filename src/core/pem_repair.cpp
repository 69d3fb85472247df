#include "core/pem_repair.hpp"

#include <algorithm>
#include <vector>

namespace ei::core {

std::string repaired_pem(std::string_view text, int max_split) {
  std::string pem(text);
  if (pem.find('\n') != std::string::npos) return pem;  // already multi-line
  std::vector<std::size_t> spaces;
  for (std::size_t i = 0; i < pem.size(); ++i) {
    if (pem[i] == ' ') spaces.push_back(i);
  }
  const std::size_t keep = static_cast<std::size_t>(std::max(0, max_split));
  for (std::size_t k = 0; k < spaces.size(); ++k) {
    if (k < keep || k + keep >= spaces.size()) continue;
    pem[spaces[k]] = '\n';
  }
  return pem;
}

}  // namespace ei::core
