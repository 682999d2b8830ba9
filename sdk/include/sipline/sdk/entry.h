// The one exported symbol of a plugin. A function, not data: dlsym on functions is the
// portable case, and the plugin can build its tables lazily.
#pragma once

#include "plugin.h"

#define SIPLINE_ENTRY_SYMBOL "sipline_plugin_entry"

// [main-thread] Called once after loading. Returns static storage, never NULL on success.
SIPLINE_EXTERN_C SIPLINE_EXPORT const sipline_plugin_t *sipline_plugin_entry(void);
