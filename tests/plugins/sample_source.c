/*
 * A third-party source plug-in in plain C, built as a shared module for the registry tests:
 * it emits `count` documents `<prefix>-<n>`, odd ones with content to download, and can be
 * told to fail (`fail_at`) or to refuse its ping (`count` < 0). Extra entry points return
 * broken descriptors for the loader's error paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/plugin_abi.h"

typedef struct sample_instance {
  long count;
  long fail_at;
  char prefix[64];
} sample_instance;

/* A number after `"key":` in flat JSON text; the host passes coerced values, no nesting. */
static long read_long(const char* json, const char* key, long fallback) {
  char needle[64];
  snprintf(needle, sizeof needle, "\"%s\":", key);
  const char* at = strstr(json, needle);
  return at == NULL ? fallback : strtol(at + strlen(needle), NULL, 10);
}

static void read_string(const char* json, const char* key, char* out, size_t size) {
  char needle[64];
  snprintf(needle, sizeof needle, "\"%s\":\"", key);
  const char* at = strstr(json, needle);
  out[0] = '\0';
  if (at == NULL) return;
  at += strlen(needle);
  size_t length = 0;
  while (at[length] != '\0' && at[length] != '"' && length + 1 < size) length++;
  memcpy(out, at, length);
  out[length] = '\0';
}

static void* sample_create(const char* configuration, const ei_source_host* host) {
  sample_instance* instance = calloc(1, sizeof *instance);
  if (instance == NULL) {
    host->fail(host->context, "out of memory");
    return NULL;
  }
  instance->count = read_long(configuration, "count", 0);
  instance->fail_at = read_long(configuration, "fail_at", 0);
  read_string(configuration, "prefix", instance->prefix, sizeof instance->prefix);
  if (strcmp(instance->prefix, "refuse") == 0) {
    host->fail(host->context, "prefix 'refuse' is refused");
    free(instance);
    return NULL;
  }
  return instance;
}

static void sample_destroy(void* instance) {
  free(instance);
}

static int sample_ping(void* instance, const ei_source_host* host) {
  const sample_instance* self = instance;
  if (self->count < 0) {
    host->fail(host->context, "backend unreachable");
    return 1;
  }
  return 0;
}

static int sample_changed(void* instance, int* changed, const ei_source_host* host) {
  (void)host;
  *changed = ((const sample_instance*)instance)->count != 0;
  return 0;
}

static int sample_validate_config(void* instance, const ei_source_host* host) {
  if (((const sample_instance*)instance)->count > 1000) {
    host->fail(host->context, "count must be at most 1000");
    return 1;
  }
  return 0;
}

static int sample_get_docs(void* instance, const char* filter, const ei_source_host* host) {
  const sample_instance* self = instance;
  const int advanced = strstr(filter, "\"value\":{\"only\"") != NULL;
  for (long n = 1; n <= self->count; n++) {
    if (self->fail_at != 0 && n == self->fail_at) {
      char message[64];
      snprintf(message, sizeof message, "failure at document %ld", n);
      host->fail(host->context, message);
      return 1;
    }
    if (advanced && n % 2 == 0) continue;
    char document[256];
    snprintf(document, sizeof document,
             "{\"_id\":\"%s-%ld\",\"_timestamp\":\"2023-01-0%ldT00:00:00+00:00\",\"n\":%ld}",
             self->prefix, n, 1 + n % 9, n);
    if (host->emit(host->context, document, (int)(n % 2)) != 0) return 0; /* stopped */
  }
  return 0;
}

static int sample_download(void* instance, const char* document, const ei_source_host* host) {
  (void)instance;
  if (strstr(document, "-5\"") != NULL) {
    host->fail(host->context, "download broke");
    return 1;
  }
  if (strstr(document, "-3\"") != NULL) return 0; /* no content */
  host->result(host->context, "{\"_attachment\":\"aGVsbG8=\",\"_id\":\"ignored\"}");
  return 0;
}

static const ei_source_plugin kSample = {
    EI_SOURCE_PLUGIN_ABI_VERSION,
    "sample",
    "Sample Plug-in",
    "{\"count\": {\"label\": \"Number of documents\", \"order\": 1, \"type\": \"int\","
    " \"value\": 3, \"display\": \"numeric\", \"validations\":"
    " [{\"type\": \"greater_than\", \"constraint\": -2}]},"
    " \"prefix\": {\"label\": \"\", \"order\": 2, \"value\": \"doc\", \"required\": false,"
    " \"default_value\": \"doc\", \"tooltip\": \"Id prefix\"},"
    " \"fail_at\": {\"order\": 3, \"type\": \"int\", \"value\": 0, \"ui_restrictions\": "
    "[\"advanced\"]}}",
    sample_create,
    sample_destroy,
    sample_ping,
    sample_changed,
    sample_validate_config,
    sample_get_docs,
    sample_download,
};

const ei_source_plugin* sample_source(void) {
  return &kSample;
}

/* Built against an ABI this host does not know. */
static const ei_source_plugin kFuture = {999u, "future", "Future", "{}", NULL, NULL,
                                         NULL, NULL,     NULL,     NULL, NULL};
const ei_source_plugin* sample_source_future(void) {
  return &kFuture;
}

const ei_source_plugin* sample_source_null(void) {
  return NULL;
}

static const ei_source_plugin kIncomplete = {EI_SOURCE_PLUGIN_ABI_VERSION,
                                             "incomplete",
                                             "Incomplete",
                                             "{}",
                                             sample_create,
                                             sample_destroy,
                                             sample_ping,
                                             NULL,
                                             NULL,
                                             NULL,
                                             NULL};
const ei_source_plugin* sample_source_incomplete(void) {
  return &kIncomplete;
}

static const ei_source_plugin kBadSchema = {EI_SOURCE_PLUGIN_ABI_VERSION,
                                            "bad",
                                            "Bad",
                                            "{\"x\": 1",
                                            sample_create,
                                            sample_destroy,
                                            sample_ping,
                                            NULL,
                                            NULL,
                                            sample_get_docs,
                                            NULL};
const ei_source_plugin* sample_source_bad_schema(void) {
  return &kBadSchema;
}
