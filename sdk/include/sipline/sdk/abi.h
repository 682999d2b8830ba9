// The version, scalar types and constants shared by every sipline SDK header.
// Only C types live here: this file is the binary contract between the daemon and plugins.
#pragma once

#include <stddef.h>
#include <stdint.h>

// Bump the major for any breaking change: the daemon refuses plugins of another major.
// Bump the minor when fields or functions are appended: the daemon refuses newer minors.
#define SIPLINE_ABI_MAJOR 1
#define SIPLINE_ABI_MINOR 1

#if defined(__GNUC__) || defined(__clang__)
#define SIPLINE_EXPORT __attribute__((visibility("default")))
#else
#define SIPLINE_EXPORT
#endif

#ifdef __cplusplus
#define SIPLINE_EXTERN_C extern "C"
#define SIPLINE_NOEXCEPT noexcept
#else
#define SIPLINE_EXTERN_C
#define SIPLINE_NOEXCEPT
#endif

typedef struct sipline_abi_version {
    uint16_t major;
    uint16_t minor;
} sipline_abi_version_t;

#define SIPLINE_ABI_VERSION_INIT {SIPLINE_ABI_MAJOR, SIPLINE_ABI_MINOR}

// Borrowed bytes. Never owns; never NUL-terminated by contract.
typedef struct sipline_str {
    const char *data;
    size_t len;
} sipline_str_t;

// Per-message result of a plugin function, Kamailio's convention:
// > 0 true, < 0 false, 0 stop processing the message now.
typedef int32_t sipline_rc;
enum {
    SIPLINE_RC_STOP = 0,   // the message was answered, dropped or absorbed: end the pipeline
    SIPLINE_RC_TRUE = 1,   // generic success
    SIPLINE_RC_FALSE = -1, // generic failure
    SIPLINE_RC_ERROR = -2, // internal error, already logged; treated as false
};

// Lifecycle and configuration result: 0 ok, < 0 failure explained through a sipline_diag_t.
// A different type from sipline_rc on purpose: 0 means "ok" here and "stop" there.
typedef int32_t sipline_status;
enum {
    SIPLINE_OK = 0,
    SIPLINE_E_CONFIG = -1,    // bad parameter or argument
    SIPLINE_E_RUNTIME = -2,   // could not do it now (I/O, resources)
    SIPLINE_E_NOT_FOUND = -3, // the thing asked for does not exist
    SIPLINE_E_ARGUMENT = -4,  // an argument is invalid for this call
};

// A typed value: configuration defaults, function arguments, pseudo-variable values.
typedef int32_t sipline_value_type;
enum {
    SIPLINE_VALUE_INVALID = 0,
    SIPLINE_VALUE_NULL = 1, // $null: absent
    SIPLINE_VALUE_INT = 2,
    SIPLINE_VALUE_STR = 3,
};

typedef struct sipline_value {
    sipline_value_type type;
    int32_t reserved; // zero
    int64_t integer;  // valid when type == SIPLINE_VALUE_INT
    sipline_str_t str; // valid when type == SIPLINE_VALUE_STR; ownership stated by each use
} sipline_value_t;

// Route kinds, as Kamailio's route masks: a function declares where it may be used.
enum {
    SIPLINE_ROUTE_REQUEST = 1u << 0,
    SIPLINE_ROUTE_REPLY = 1u << 1,
    SIPLINE_ROUTE_FAILURE = 1u << 2,
    SIPLINE_ROUTE_BRANCH = 1u << 3,
    SIPLINE_ROUTE_EVENT = 1u << 4,
    SIPLINE_ROUTE_ANY = 0xffffu,
};

typedef int32_t sipline_log_level;
enum {
    SIPLINE_LOG_ERROR = 1,
    SIPLINE_LOG_WARNING = 2,
    SIPLINE_LOG_INFO = 3,
    SIPLINE_LOG_DEBUG = 4,
};

typedef int32_t sipline_proto;
enum {
    SIPLINE_PROTO_INVALID = 0,
    SIPLINE_PROTO_UDP = 1,
    SIPLINE_PROTO_TCP = 2,
};

// A transport address as text, so no socket types cross the boundary.
typedef struct sipline_endpoint {
    uint32_t struct_size;
    sipline_proto proto;
    char address[64]; // NUL-terminated IPv4 or IPv6 literal
    uint16_t port;
} sipline_endpoint_t;

// Opaque handles. The daemon owns them; plugins only pass them back.
typedef struct sipline_msg sipline_msg_t;             // one SIP message during one pipeline run
typedef struct sipline_run sipline_run_t;             // per-run state: $retcode, scratch memory
typedef struct sipline_rpc_reply sipline_rpc_reply_t; // where an RPC handler writes its answer
typedef struct sipline_template sipline_template_t;   // a compiled string with $variables
