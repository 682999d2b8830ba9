// The sl plugin's interface for other plugins ("sipline.sl/1"): stateless replies with extra
// headers, e.g. sanity's 420 with "Unsupported: <token>".
#pragma once

#include "../abi.h"

#define SIPLINE_IFACE_SL "sipline.sl/1"

typedef struct sipline_sl_api {
    uint32_t struct_size;
    void *sl; // pass back as the first argument
    // [worker] Send a stateless reply to msg. extra_headers: complete header lines, each ending
    // in CRLF, inserted before Content-Length; may be empty. Returns as sl.send_reply does:
    // 1 sent; -1 failure (ACK, empty reason, send error); -2 the message is flagged no-reply.
    sipline_rc (*reply)(void *sl, sipline_msg_t *msg, int32_t code, sipline_str_t reason,
                        sipline_str_t extra_headers);
} sipline_sl_api_t;
