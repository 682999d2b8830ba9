#include "pending_reply.hpp"

namespace sipline::sanity {
namespace {

struct Slot {
    MessageIdentity message;
    PendingReply reply;
    bool used = false;
};

thread_local Slot t_slot;

// FNV-1a, 64 bit: cheap, and only has to tell this message from the previous one.
uint64_t digestOf(std::string_view bytes) noexcept {
    uint64_t hash = 14695981039346656037ull;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

}  // namespace

MessageIdentity identify(const void *handle, std::string_view bytes) noexcept {
    return {.handle = handle, .bytes = bytes.data(), .size = bytes.size(), .digest = digestOf(bytes)};
}

void forgetPendingReply() noexcept { t_slot.used = false; }

void rememberPendingReply(const MessageIdentity &message, PendingReply reply) {
    t_slot.message = message;
    t_slot.reply = std::move(reply);
    t_slot.used = true;
}

std::optional<PendingReply> pendingReplyFor(const MessageIdentity &message) {
    if (!t_slot.used || !(t_slot.message == message)) return std::nullopt;
    return t_slot.reply;
}

}  // namespace sipline::sanity
