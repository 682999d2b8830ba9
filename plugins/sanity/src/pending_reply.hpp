// noreply mode: the reply a failed check would have sent, kept for sanity.reply(). Kamailio
// keeps one per process tagged with the message id; here one per worker thread (a run never
// leaves its thread) tagged with what identifies the message being processed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipline::sanity {

struct MessageIdentity {
    const void *handle = nullptr; // the sipline_msg_t
    const char *bytes = nullptr;  // its received bytes
    size_t size = 0;
    uint64_t digest = 0;          // of the bytes: a reused buffer holds another message
    bool operator==(const MessageIdentity &) const = default;
};

MessageIdentity identify(const void *handle, std::string_view bytes) noexcept;

struct PendingReply {
    int code = 0;
    std::string reason;
    std::string extra_headers;
};

// [worker] Forget what this thread remembered (every sanity.check starts with this).
void forgetPendingReply() noexcept;
void rememberPendingReply(const MessageIdentity &message, PendingReply reply);
// What was remembered for this very message, if anything.
std::optional<PendingReply> pendingReplyFor(const MessageIdentity &message);

}  // namespace sipline::sanity
