// Services the daemon gives every plugin: one table, append-only.
// Plugins never link against the daemon; everything they need comes through here.
#pragma once

#include "abi.h"
#include "diag.h"

// Per-message flags shared between plugins (Kamailio's msg flags that matter across modules).
enum {
    SIPLINE_MSG_NO_REPLY = 1u << 0,    // no module may reply to this message (sanity sets it)
    SIPLINE_MSG_REPLIED = 1u << 1,     // a final (>= 200) reply was sent for it
};

// The last internal error of the core while processing a message, for sl.reply_error
// (Kamailio's prev_ser_error). Values and the replies they map to follow Kamailio's E_* codes.
typedef int32_t sipline_core_error;
enum {
    SIPLINE_CORE_ERROR_NONE = 0,
    SIPLINE_CORE_ERROR_UNSPECIFIED = 1,  // 500 "I'm terribly sorry, server error occurred"
    SIPLINE_CORE_ERROR_SEND = 2,         // 477 "Unfortunately error on sending to next hop occurred"
    SIPLINE_CORE_ERROR_BAD_ADDRESS = 3,  // 478 "Unresolvable destination"
    SIPLINE_CORE_ERROR_BAD_REQUEST = 4,  // 400 "Bad Request"
    SIPLINE_CORE_ERROR_BAD_URI = 5,      // 479 "Regretfully, we were not able to process the URI"
    SIPLINE_CORE_ERROR_BAD_TUPLE = 6,    // 400 "Transaction tuple incomplete"
    SIPLINE_CORE_ERROR_BAD_TO = 7,       // 400 "Bad To"
    SIPLINE_CORE_ERROR_OUT_OF_MEMORY = 8, // 500 "Message processing error"
    SIPLINE_CORE_ERROR_UNEXPECTED_STATE = 9, // 500 "Internal processing error"
};

typedef uint64_t sipline_timer_id;

// One header field of a received message, as the daemon's parser split it (since 1.1). Views
// into the received bytes, valid while the message is being handled.
typedef struct sipline_header_field {
    sipline_str_t name;  // as written ("v", "Via", "VIA")
    sipline_str_t value; // without the LWS around it; a folded value keeps its inner CRLF+WSP
    sipline_str_t field; // from the name through the line end of its last line
} sipline_header_field_t;

// A request the daemon sends on a plugin's behalf (dispatcher's OPTIONS probes). The daemon adds
// Via (with a fresh branch), Max-Forwards, From tag, Call-ID, CSeq and Content-Length, retransmits
// over UDP (T1 doubling up to T2, RFC 3261 17.1.2.2) and matches the reply by branch.
typedef struct sipline_request {
    uint32_t struct_size;
    sipline_str_t method;       // "OPTIONS"
    sipline_str_t request_uri;  // "sip:10.0.0.5:5060"
    sipline_str_t destination;  // where to send, a SIP URI (";transport=tcp" honoured);
                                // empty: the request_uri
    sipline_str_t from_uri;     // empty: "sip:sipline@<our address>"
    sipline_str_t to_uri;       // empty: the request_uri
    sipline_str_t headers;      // extra header lines, each ending in CRLF; may be empty
    sipline_str_t body;         // may be empty
    uint32_t timeout_ms;        // no final reply by then: status 408; 0 means 32000 (Timer F)
} sipline_request_t;

// Called exactly once per sent request: with the final reply's status and bytes, or with 408 and
// empty bytes when no final reply came in time. Runs on a worker or the timer thread: must not
// block. The bytes live only during the call.
typedef void (*sipline_reply_callback)(void *data, int32_t status, sipline_str_t reply);

typedef struct sipline_host {
    uint32_t struct_size; // as built into the daemon; test members with SIPLINE_HOST_HAS
    sipline_abi_version_t abi;
    void *host_data;      // the daemon's; do not touch

    // [any-thread] Log a line tagged with the plugin's name. The text is copied.
    void (*log)(const struct sipline_host *host, sipline_log_level level, sipline_str_t text);
    // [main-thread, from start()] Another plugin's interface by id; NULL if it is not loaded.
    const void *(*get_interface)(const struct sipline_host *host, const char *interface_id);

    // --- Reading the message [worker]. Views point into the received bytes and stay valid
    // until the run ends; edits are recorded and applied when the message is sent.
    sipline_str_t (*msg_raw)(const sipline_msg_t *msg);
    int32_t (*msg_is_request)(const sipline_msg_t *msg);
    // The request method; for a reply, the method of its CSeq.
    sipline_str_t (*msg_method)(const sipline_msg_t *msg);
    // The reply status code; 0 for a request.
    int32_t (*msg_status)(const sipline_msg_t *msg);
    // The request URI as it is now (after any rewrite in the pipeline); empty for replies.
    sipline_str_t (*msg_ruri)(const sipline_msg_t *msg);
    // The nth header field (line) with this name, compact forms matched too.
    // Returns 1 found, 0 absent. The value is trimmed of surrounding whitespace.
    int32_t (*msg_header)(const sipline_msg_t *msg, sipline_str_t name, uint32_t nth,
                          sipline_str_t *value);
    sipline_str_t (*msg_body)(const sipline_msg_t *msg);
    // Where the message came from and the local address it arrived on.
    void (*msg_source)(const sipline_msg_t *msg, sipline_endpoint_t *source,
                       sipline_endpoint_t *local);

    // --- Editing the message [worker]. Input bytes are copied: callers keep ownership.
    // Insert "name: value" before the first header field.
    sipline_status (*msg_add_header)(sipline_msg_t *msg, sipline_str_t name, sipline_str_t value);
    // Replace the value of the nth header field with this name.
    sipline_status (*msg_set_header)(sipline_msg_t *msg, sipline_str_t name, uint32_t nth,
                                     sipline_str_t value);
    sipline_status (*msg_remove_header)(sipline_msg_t *msg, sipline_str_t name, uint32_t nth);
    uint32_t (*msg_flags)(const sipline_msg_t *msg);
    void (*msg_set_flags)(sipline_msg_t *msg, uint32_t set, uint32_t clear);

    // --- Replying [worker].
    // Send bytes as a reply to this request: to the address RFC 3261 18.2.2 names (received,
    // rport, Via port), over the transport and connection the request came on.
    sipline_status (*msg_send_reply)(sipline_msg_t *msg, sipline_str_t bytes);
    // The destination set for 3xx replies: index 0.. of the URIs the request would go to if
    // forwarded (the R-URI when it was rewritten, then added branches). 1 found, 0 past the end.
    int32_t (*msg_destination)(const sipline_msg_t *msg, uint32_t index, sipline_str_t *uri);

    // --- Run state [worker].
    // Scratch memory owned by the run, freed when it ends: never free it.
    void *(*run_alloc)(sipline_run_t *run, size_t size);
    // The last internal error the core met for this message (SIPLINE_CORE_ERROR_*).
    sipline_core_error (*run_last_error)(const sipline_run_t *run);

    // --- Templates: strings with $variables, compiled once, evaluated per message.
    // [main-thread] Compile; on error explain through diag. Free with template_release.
    sipline_status (*template_compile)(const struct sipline_host *host, sipline_str_t text,
                                       sipline_template_t **out, const sipline_diag_t *diag);
    // [worker] Evaluate. A string result lives until the run ends.
    sipline_status (*template_eval)(const sipline_template_t *tmpl, sipline_msg_t *msg,
                                    sipline_run_t *run, sipline_value_t *out);
    // [main-thread]
    void (*template_release)(const struct sipline_host *host, sipline_template_t *tmpl);

    // --- Timers. The callback runs on the daemon's timer thread, never on a worker.
    // [main-thread] Returns 0 on failure.
    sipline_timer_id (*timer_start)(const struct sipline_host *host, uint32_t interval_ms,
                                    void (*callback)(void *data), void *data);
    // [main-thread] After it returns the callback is not running and will not run again.
    void (*timer_cancel)(const struct sipline_host *host, sipline_timer_id timer);

    // --- Control replies [control-thread]. Exactly one of them, once per call.
    void (*rpc_result)(sipline_rpc_reply_t *reply, sipline_str_t result_json);
    void (*rpc_fault)(sipline_rpc_reply_t *reply, int32_t code, sipline_str_t message);

    // --- Local identity [any-thread]. The nth address the daemon listens on; 1 found, 0 past
    // the end.
    int32_t (*listen_address)(const struct sipline_host *host, uint32_t index,
                              sipline_endpoint_t *out);

    // --- Routing the message [worker].
    // Set $du, the next hop forward uses instead of the R-URI; an empty uri clears it.
    sipline_status (*msg_set_dst_uri)(sipline_msg_t *msg, sipline_str_t uri);
    // Rewrite the Request-URI ($ru); requests only.
    sipline_status (*msg_set_ruri)(sipline_msg_t *msg, sipline_str_t uri);
    // $du as set now; empty when unset.
    sipline_str_t (*msg_dst_uri)(const sipline_msg_t *msg);

    // --- Per-message plugin state [worker]. A pointer slot owned by this plugin for this run,
    // NULL at first; store run_alloc memory in it (e.g. the destinations left for failover).
    void **(*run_slot)(const struct sipline_host *host, sipline_run_t *run);

    // --- Originating requests [any-thread, after start()]. SIPLINE_OK when sent (on_reply will
    // be called once, possibly before this returns); an error status when it could not be sent
    // (bad URI, no listen address for the transport, unresolvable host): on_reply is not called.
    // When the daemon stops before a final reply came, on_reply gets status 0 (and no reply):
    // free `data` then and change nothing, the plugin is about to stop.
    sipline_status (*send_request)(const struct sipline_host *host, const sipline_request_t *request,
                                   sipline_reply_callback on_reply, void *data);

    // --- The configuration file the daemon was started with [any-thread]: plugins resolve
    // their relative file names (lists, databases) against its folder, as the daemon's own
    // config does. Empty when there is none (a test host).
    sipline_str_t (*config_path)(const struct sipline_host *host);

    // --- Parallel forking [worker]: one more destination for the next `relay` of this request
    // (Kamailio's append_branch). relay sends the request to $du (or the R-URI) and to every
    // appended URI at once; the stateless `forward` uses only the first.
    sipline_status (*msg_append_branch)(sipline_msg_t *msg, sipline_str_t uri);

    // New members are appended below this line only, each with a "since 1.N" comment.

    // since 1.1 --- Every header field of the received message, in order, as the daemon
    // split it [worker]: a plugin that reads many fields (sanity) need not split the bytes
    // again. Fills at most `capacity` entries of `out` (which may be NULL when capacity is
    // 0) and returns how many fields there are. Edits made by plugins are not included.
    uint32_t (*msg_header_fields)(const sipline_msg_t *msg, sipline_header_field_t *out, uint32_t capacity);
} sipline_host_t;

#define SIPLINE_HOST_HAS(host, member)                                                            \
    ((host)->struct_size >= offsetof(sipline_host_t, member) + sizeof((host)->member) &&          \
     (host)->member != NULL)
