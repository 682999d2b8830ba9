// What a plugin declares: its parameters, pipeline functions, hooks, pseudo-variables and
// control (RPC) methods. Every pointer here is static storage of the plugin, valid until unload.
#pragma once

#include "abi.h"
#include "diag.h"

struct sipline_host;

// Parameter types (configuration keys and function arguments).
typedef int32_t sipline_param_type;
enum {
    SIPLINE_PARAM_INVALID = 0,
    SIPLINE_PARAM_INT = 1,  // TOML integer; bounded by min/max
    SIPLINE_PARAM_STR = 2,  // TOML string
    SIPLINE_PARAM_BOOL = 3, // TOML boolean (configuration only)
    SIPLINE_PARAM_JSON = 4, // any TOML value, passed as JSON text (a STR value for arguments)
                            // for the plugin to validate (in prepare() for arguments)
};

enum {
    SIPLINE_PARAM_REQUIRED = 1u << 0, // must be given; no default
    SIPLINE_PARAM_DYNAMIC = 1u << 1,  // argument may contain $variables, evaluated per message
};

typedef struct sipline_param {
    uint32_t struct_size;
    const char *name;          // TOML key, e.g. "max_limit"
    sipline_param_type type;
    uint32_t flags;            // SIPLINE_PARAM_*
    const char *default_json;  // default as JSON text ("70", "\"x\""); NULL = none
    int64_t min;               // INT bounds, checked by the daemon (min > max: unbounded)
    int64_t max;
    const char *doc;           // one sentence for --describe-plugin and the generated docs
} sipline_param_t;

// A pipeline function, called from TOML as "<plugin>.<name>".
typedef struct sipline_function {
    uint32_t struct_size;
    const char *name;             // "process"; the daemon prefixes "maxfwd."
    const char *doc;
    const char *returns_doc;      // the documented return codes, e.g. "2 added; 1 decremented; ..."
    const sipline_param_t *const *args;
    uint32_t arg_count;
    uint32_t required_arg_count;  // trailing arguments past this are optional
    uint32_t routes;              // SIPLINE_ROUTE_* where the function may be used
    const char *const *aliases;   // other names for the same function (Kamailio's), may be NULL
    uint32_t alias_count;

    // [main-thread] Once per call site in the TOML, after the daemon checked types and bounds.
    // Arguments that contain $variables arrive as SIPLINE_VALUE_STR holding their source text.
    // May store precomputed state in *call_state. May be NULL.
    sipline_status (*prepare)(void *instance, const sipline_value_t *args, uint32_t arg_count,
                              void **call_state, const sipline_diag_t *diag);
    // [worker] Once per message. Must not block. Arguments are evaluated: constant ones as
    // written, dynamic ones per message (their strings live until the run ends).
    sipline_rc (*invoke)(void *instance, const void *call_state, sipline_msg_t *msg,
                         sipline_run_t *run, const sipline_value_t *args, uint32_t arg_count);
    // [main-thread] Frees what prepare stored. May be NULL.
    void (*release)(void *instance, void *call_state);
} sipline_function_t;

// Fixed stages of the core where a plugin may act on every message (nginx's phases).
typedef int32_t sipline_stage;
enum {
    SIPLINE_STAGE_INVALID = 0,
    SIPLINE_STAGE_PRE_REQUEST = 1, // a parsed request, before the request route (sl: absorb ACKs)
    SIPLINE_STAGE_PRE_REPLY = 2,   // a parsed reply to a request forwarded or relayed by us,
                                   // before its transaction and the reply route (call tracking)
};

typedef struct sipline_hook {
    uint32_t struct_size;
    sipline_stage stage;
    int32_t order; // lower runs first; ties broken by plugin name
    // [worker] Return SIPLINE_RC_STOP when the message was consumed, > 0 to let it continue.
    sipline_rc (*run)(void *instance, sipline_msg_t *msg, sipline_run_t *run);
} sipline_hook_t;

enum {
    SIPLINE_PVAR_READABLE = 1u << 0,
    SIPLINE_PVAR_WRITABLE = 1u << 1,
};

// A pseudo-variable offered to the pipeline, e.g. htable's $sht(table=>key).
typedef struct sipline_pvar {
    uint32_t struct_size;
    const char *name; // "sht" for $sht(...)
    const char *doc;
    uint32_t flags;   // SIPLINE_PVAR_*
    // [main-thread] Once per use in the TOML: parse the text between the parentheses.
    sipline_status (*prepare)(void *instance, sipline_str_t argument, void **pvar_state,
                              const sipline_diag_t *diag);
    // [worker] Read. Strings written to *out must live until the run ends (use run_alloc).
    sipline_rc (*get)(void *instance, const void *pvar_state, sipline_msg_t *msg,
                      sipline_run_t *run, sipline_value_t *out);
    // [worker] Write; a SIPLINE_VALUE_NULL value deletes. May be NULL when not writable.
    sipline_rc (*set)(void *instance, const void *pvar_state, sipline_msg_t *msg,
                      sipline_run_t *run, const sipline_value_t *value);
    // [main-thread] Frees what prepare stored. May be NULL.
    void (*release)(void *instance, void *pvar_state);
} sipline_pvar_t;

// A control command, called as "<plugin>.<name>" through JSON-RPC (siplinectl).
typedef struct sipline_rpc_method {
    uint32_t struct_size;
    const char *name;       // "get" becomes "htable.get"
    const char *doc;
    const char *params_doc; // "table key"
    // [control-thread] Params arrive as JSON text (an array). Answer exactly once through the
    // host's rpc_result or rpc_fault. Must be thread-safe against workers.
    void (*handle)(void *instance, sipline_str_t params_json, sipline_rpc_reply_t *reply);
} sipline_rpc_method_t;

// Metrics for the core's Prometheus endpoint. The core names each sample
// "sipline_<plugin>_<name>" and writes its HELP and TYPE once per name.
typedef int32_t sipline_metric_kind;
enum {
    SIPLINE_METRIC_COUNTER = 1, // only ever grows (Prometheus counter; name it "..._total")
    SIPLINE_METRIC_GAUGE = 2,   // goes up and down
};

typedef struct sipline_metrics_out {
    uint32_t struct_size;
    void *data; // the core's
    // One sample. name: [a-z_][a-z0-9_]*; labels: 'set="1",uri="sip:a"' (values escaped by the
    // plugin) or empty; help: one line, the same for every sample of a name.
    void (*sample)(const struct sipline_metrics_out *out, sipline_metric_kind kind, sipline_str_t name,
                   sipline_str_t help, sipline_str_t labels, double value);
} sipline_metrics_out_t;

typedef struct sipline_plugin {
    uint32_t struct_size;      // sizeof(sipline_plugin_t) when the plugin was built
    sipline_abi_version_t abi; // SIPLINE_ABI_VERSION_INIT
    const char *name;          // [a-z][a-z0-9_]*, unique in the daemon
    const char *version;       // the plugin's own release, "1.0.0"
    const char *summary;       // one line for --list-plugins

    const sipline_param_t *const *params;
    uint32_t param_count;
    const sipline_function_t *const *functions;
    uint32_t function_count;
    const sipline_hook_t *const *hooks;
    uint32_t hook_count;
    const sipline_pvar_t *const *pvars;
    uint32_t pvar_count;
    const sipline_rpc_method_t *const *rpc_methods;
    uint32_t rpc_method_count;

    // [main-thread] Read the configuration (a JSON object of the declared params, defaults
    // filled in and bounds checked), allocate state. Other plugins are not reachable yet.
    // The host table stays valid until destroy() returns.
    sipline_status (*create)(const struct sipline_host *host, sipline_str_t config_json,
                             void **instance, const sipline_diag_t *diag);
    // [main-thread] Every plugin exists: bind other plugins' interfaces, start timers.
    sipline_status (*start)(void *instance, const sipline_diag_t *diag);
    // [main-thread] Traffic has stopped: cancel timers, flush state. May be NULL.
    void (*stop)(void *instance);
    // [main-thread] Free everything create() made.
    void (*destroy)(void *instance);
    // [any-thread] An interface offered to other plugins, e.g. "sipline.htable/1"; NULL if none.
    // May be NULL.
    const void *(*get_interface)(void *instance, const char *interface_id);

    // [control-thread] The plugin's metrics, written through out->sample(); must be
    // thread-safe against workers. May be NULL. (Appended in 1.0; check struct_size.)
    void (*metrics)(void *instance, const sipline_metrics_out_t *out);

    // New members are appended below this line only, each with a "since 1.N" comment.
} sipline_plugin_t;
