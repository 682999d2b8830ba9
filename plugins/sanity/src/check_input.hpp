// What every check reads and what it decides. Checks are pure functions of this input: no
// host, no message handle, so each one is unit-testable on its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "header_parse_progress.hpp"
#include "message_fields.hpp"
#include "sanity_config.hpp"

namespace sipline::sanity {

struct CheckInput {
    const MessageFields &fields;
    const HeaderParseProgress &progress;
    bool is_request = true;
    std::string_view ruri; // the current Request-URI (after any rewrite), requests only
    std::string_view body; // the body as the core framed it (RFC 3261 18.3)
    uint32_t uri_checks = kDefaultUriChecks;
    const SanityConfig &config;
};

// A check's verdict. A failure may carry a reply (sent through sl unless noreply), may forbid
// every reply to the message (Kamailio's FL_MSG_NOREPLY), or may be silent.
struct CheckOutcome {
    bool passed = true;
    bool forbid_replies = false;
    int code = 0;              // 0: sanity sends nothing
    std::string_view reason;   // static text
    std::string extra_headers; // complete lines with CRLF (420's Unsupported)

    static CheckOutcome pass() { return {}; }
    // Failed; sanity does not reply, but the route may.
    static CheckOutcome silent() {
        CheckOutcome out;
        out.passed = false;
        return out;
    }
    // Failed; the message lacks what a reply needs, so nobody may reply.
    static CheckOutcome forbidReplies() {
        CheckOutcome out = silent();
        out.forbid_replies = true;
        return out;
    }
    static CheckOutcome reply(int code, std::string_view reason, std::string extra_headers = {}) {
        CheckOutcome out = silent();
        out.code = code;
        out.reason = reason;
        out.extra_headers = std::move(extra_headers);
        return out;
    }
};

}  // namespace sipline::sanity
