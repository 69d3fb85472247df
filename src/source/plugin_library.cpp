#include "source/plugin_library.hpp"

#include <dlfcn.h>

#include <boost/json.hpp>

#include "source/errors.hpp"

namespace ei::source {

namespace {

std::string last_dl_error() {
  const char* text = ::dlerror();
  return text == nullptr ? "unknown error" : text;
}

}  // namespace

std::shared_ptr<PluginLibrary> PluginLibrary::load(const std::string& path,
                                                   const std::string& symbol) {
  const std::string spec = path + ":" + symbol;
  ::dlerror();  // clear a stale message
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    throw SourceResolutionError("cannot load plug-in '" + spec + "': " + last_dl_error());
  }
  std::shared_ptr<PluginLibrary> library(new PluginLibrary(handle, spec));

  ::dlerror();
  void* address = ::dlsym(handle, symbol.c_str());
  if (address == nullptr) {
    throw SourceResolutionError("plug-in '" + spec + "' has no symbol '" + symbol +
                                "': " + last_dl_error());
  }
  // POSIX guarantees a data pointer from dlsym converts to a function pointer.
  auto entry = reinterpret_cast<ei_source_plugin_entry>(address);
  const ei_source_plugin* api = entry();
  if (api == nullptr) {
    throw SourceResolutionError("plug-in '" + spec + "' returned no source descriptor");
  }
  if (api->abi_version != EI_SOURCE_PLUGIN_ABI_VERSION) {
    throw SourceResolutionError("plug-in '" + spec + "' was built for source ABI version " +
                                std::to_string(api->abi_version) + ", this build supports " +
                                std::to_string(EI_SOURCE_PLUGIN_ABI_VERSION));
  }
  auto require = [&](bool present, const char* what) {
    if (!present) {
      throw SourceResolutionError("plug-in '" + spec + "' does not provide '" + what + "'");
    }
  };
  require(api->service_type != nullptr && *api->service_type != '\0', "service_type");
  require(api->create != nullptr, "create");
  require(api->destroy != nullptr, "destroy");
  require(api->ping != nullptr, "ping");
  require(api->get_docs != nullptr, "get_docs");

  auto descriptor = std::make_shared<SourceDescriptor>();
  descriptor->service_type = api->service_type;
  descriptor->display_name =
      api->display_name != nullptr ? api->display_name : std::string(api->service_type);
  try {
    const char* declared =
        api->default_configuration != nullptr ? api->default_configuration : "{}";
    descriptor->default_configuration =
        DefaultConfiguration::from_json(boost::json::parse(declared));
  } catch (const std::exception& error) {
    throw SourceResolutionError("plug-in '" + spec +
                                "' has an invalid default configuration: " + error.what());
  }
  library->api_ = api;
  library->descriptor_ = std::move(descriptor);
  return library;
}

PluginLibrary::~PluginLibrary() {
  ::dlclose(handle_);
}

}  // namespace ei::source
