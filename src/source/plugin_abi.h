/*
 * The C ABI of third-party source plug-ins (DESIGN §5).
 *
 * A plug-in is a shared library named in config.yml as `path/to/libsomething.so:Symbol`.
 * `Symbol` is a function of type ei_source_plugin_entry returning a pointer to a static
 * ei_source_plugin. The host checks `abi_version` against EI_SOURCE_PLUGIN_ABI_VERSION
 * before reading anything else and refuses a mismatch; the version changes whenever this
 * struct changes.
 *
 * Data crosses the boundary as UTF-8 JSON text. Strings passed to the plug-in are valid
 * only during the call; strings passed to the host are copied before the callback returns,
 * so nothing allocated on one side is freed on the other.
 *
 * Threads: the host calls create, ping, changed, validate_config and download on worker
 * threads, and get_docs on a thread of its own. download may run on several threads at
 * once, also while get_docs runs; the other calls of one instance never overlap.
 * Calls return 0 on success; on failure they return non-zero after reporting a message
 * through host->fail (a failure without a message is reported generically).
 */
#ifndef EI_SOURCE_PLUGIN_ABI_H
#define EI_SOURCE_PLUGIN_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EI_SOURCE_PLUGIN_ABI_VERSION 1u

/* The host's side of one call. */
typedef struct ei_source_host {
  void* context; /* pass back to every callback */
  /* The call failed with this message. */
  void (*fail)(void* context, const char* message);
  /* get_docs: one document, a JSON object with "_id" (and usually "_timestamp").
   * has_download non-zero: the host may later call download() for it. Returns 0 to go on;
   * non-zero means the sync stopped (cancelled or failed): get_docs must return promptly. */
  int (*emit)(void* context, const char* document_json, int has_download);
  /* download: the content object, e.g. {"_attachment": "<base64>"}; not calling it means
   * "no content". */
  void (*result)(void* context, const char* object_json);
} ei_source_host;

typedef struct ei_source_plugin {
  uint32_t abi_version; /* EI_SOURCE_PLUGIN_ABI_VERSION the plug-in was built against */
  const char* service_type;
  const char* display_name;
  /* The declared configuration: a JSON object key -> properties (label, order, type, value,
   * display, options, required, sensitive, depends_on, validations, tooltip, default_value,
   * ui_restrictions), in display order. */
  const char* default_configuration;

  /* A new instance for a connector. configuration_json is an object key -> value, already
   * coerced to the declared types. Returns NULL on failure. Required. */
  void* (*create)(const char* configuration_json, const ei_source_host* host);
  /* Releases the instance (the framework's close()). Required. */
  void (*destroy)(void* instance);
  /* Checks the backend. Required. */
  int (*ping)(void* instance, const ei_source_host* host);
  /* Optional (NULL: always changed). Sets *changed to 0 or 1. */
  int (*changed)(void* instance, int* changed, const ei_source_host* host);
  /* Optional checks beyond the framework's schema validation. */
  int (*validate_config)(void* instance, const ei_source_host* host);
  /* Emits every document through host->emit. filter_json is the job's filter object
   * ({"rules": [...], "advanced_snippet": {...}}). Required. */
  int (*get_docs)(void* instance, const char* filter_json, const ei_source_host* host);
  /* Optional: the content of a document emitted with has_download, given that document's
   * JSON; reports it through host->result. */
  int (*download)(void* instance, const char* document_json, const ei_source_host* host);
} ei_source_plugin;

typedef const ei_source_plugin* (*ei_source_plugin_entry)(void);

#ifdef __cplusplus
}
#endif

#endif /* EI_SOURCE_PLUGIN_ABI_H */
