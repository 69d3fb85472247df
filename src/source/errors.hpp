#pragma once

#include "core/error.hpp"

namespace ei::source {

// A stored or declared configuration cannot be read: a value that does not convert to its
// field type (`int` from "abc"), an entry of the wrong shape, an unknown key.
class ConfigurationError : public core::Error {
 public:
  using core::Error::Error;
};

// validate_config found invalid values (spec §14.6): `Field validation errors: ...`.
class ConfigurableFieldValueError : public ConfigurationError {
 public:
  using ConfigurationError::ConfigurationError;
};

// A field depends on a configuration key that does not exist (spec §14.7).
class ConfigurableFieldDependencyError : public ConfigurationError {
 public:
  using ConfigurationError::ConfigurationError;
};

// Keys of the source's schema are missing from the stored configuration (spec §14.8).
class MalformedConfigurationError : public ConfigurationError {
 public:
  using ConfigurationError::ConfigurationError;
};

// A source failed talking to its backend (ping, listing, download).
class SourceError : public core::Error {
 public:
  using core::Error::Error;
};

// A `sources:` entry of config.yml names no usable source: unknown class, a plug-in that
// cannot be loaded, a plug-in built for another ABI version.
class SourceResolutionError : public core::Error {
 public:
  using core::Error::Error;
};

// A built-in source of the reference that this build does not implement (yet): not a
// mistake in config.yml, whose shipped `sources:` names all thirteen.
class SourceNotBuiltError : public SourceResolutionError {
 public:
  using SourceResolutionError::SourceResolutionError;
};

}  // namespace ei::source
