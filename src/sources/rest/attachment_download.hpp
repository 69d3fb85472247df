#pragma once

// The lazy download of a REST source's attachment (sources spec §0.5, §13.6, §14.6): nothing
// for an unchanged document, an empty file, an unsupported extension or a file over the size
// limit (the last two with a warning); else the bytes at `path`, base64 in `_attachment`.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "source/source_document.hpp"
#include "sources/rest/rest_client.hpp"

namespace ei::sources::rest {

// `size`: the size the API reports; an unknown size counts as empty (the APIs report it).
source::LazyDownload attachment_download(std::shared_ptr<RestClient> client, std::string path,
                                         std::string file_name, std::string id,
                                         std::optional<std::uint64_t> size);

}  // namespace ei::sources::rest
