#pragma once

#include <memory>
#include <string>

#include "source/plugin_abi.h"
#include "source/source_descriptor.hpp"

namespace ei::source {

// A loaded plug-in shared library (`path/to/libsomething.so:Symbol`), checked against the
// ABI version, with its descriptor read. Stays loaded while any source made from it lives.
class PluginLibrary {
 public:
  // dlopen + dlsym + checks. Throws SourceResolutionError naming the spec and the cause:
  // the dlerror text, a missing symbol, an ABI version mismatch, a missing required
  // function, an invalid default configuration.
  static std::shared_ptr<PluginLibrary> load(const std::string& path, const std::string& symbol);

  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const ei_source_plugin& api() const { return *api_; }
  const std::shared_ptr<const SourceDescriptor>& descriptor() const { return descriptor_; }
  const std::string& spec() const { return spec_; }

 private:
  PluginLibrary(void* handle, std::string spec) : handle_(handle), spec_(std::move(spec)) {}

  void* handle_;
  std::string spec_;
  const ei_source_plugin* api_ = nullptr;
  std::shared_ptr<const SourceDescriptor> descriptor_;
};

}  // namespace ei::source
