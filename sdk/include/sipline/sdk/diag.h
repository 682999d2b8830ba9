// Start-up diagnostics: a plugin explains why it refuses its configuration.
// The daemon knows which TOML entry caused the call and prefixes "file:line:" itself.
#pragma once

#include "abi.h"

typedef struct sipline_diag {
    uint32_t struct_size;
    void *context; // the daemon's; do not touch
    // [main-thread] Record one error. The text is copied.
    void (*error)(const struct sipline_diag *diag, sipline_str_t text);
} sipline_diag_t;
