// Core counters. Each worker owns one set (no sharing on the hot path); core.stats sums them.
#pragma once

#include <atomic>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace sipline::core {

// The methods counted one by one; the rest count as "other" (the last index).
inline constexpr std::string_view kCountedMethods[] = {"INVITE", "ACK",    "BYE",    "CANCEL", "OPTIONS", "REGISTER",
                                                       "SUBSCRIBE", "NOTIFY", "MESSAGE", "INFO", "UPDATE", "PRACK",
                                                       "REFER",  "PUBLISH", "other"};
inline constexpr size_t kMethodCount = std::size(kCountedMethods);

inline size_t methodIndex(std::string_view method) noexcept {
    for (size_t i = 0; i + 1 < kMethodCount; ++i)
        if (kCountedMethods[i] == method) return i;
    return kMethodCount - 1;
}

struct CoreStats {
    std::atomic<uint64_t> requests_received{0};
    std::atomic<uint64_t> replies_received{0};
    std::atomic<uint64_t> parse_errors{0};
    std::atomic<uint64_t> requests_forwarded{0};
    std::atomic<uint64_t> replies_forwarded{0};
    std::atomic<uint64_t> local_replies_sent{0};
    std::atomic<uint64_t> send_errors{0};
    std::atomic<uint64_t> dropped{0};
    std::atomic<uint64_t> shed{0}; // new requests refused or dropped under overload

    // Per method received, and per status class received and sent (the metrics endpoint).
    std::atomic<uint64_t> requests_by_method[kMethodCount]{};
    std::atomic<uint64_t> replies_received_by_class[6]{}; // 1xx..6xx
    std::atomic<uint64_t> replies_sent_by_class[6]{};

    static void bump(std::atomic<uint64_t> &counter) noexcept {
        counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    void countRequest(std::string_view method) noexcept { bump(requests_by_method[methodIndex(method)]); }
    // `reply` starts "SIP/2.0 NNN": its class digit is at 8.
    static void countReply(std::atomic<uint64_t> (&by_class)[6], std::string_view reply) noexcept {
        if (reply.size() > 8 && reply[8] >= '1' && reply[8] <= '6') bump(by_class[reply[8] - '1']);
    }
};

// Every worker's counters added up, for core.stats and the metrics page.
struct CoreTotals {
    uint64_t requests_received = 0, replies_received = 0, parse_errors = 0, requests_forwarded = 0,
             replies_forwarded = 0, local_replies_sent = 0, send_errors = 0, dropped = 0, shed = 0;
    uint64_t requests_by_method[kMethodCount] = {};
    uint64_t replies_received_by_class[6] = {}, replies_sent_by_class[6] = {};

    void add(const CoreStats &w) noexcept {
        auto read = [](const std::atomic<uint64_t> &c) { return c.load(std::memory_order_relaxed); };
        requests_received += read(w.requests_received);
        replies_received += read(w.replies_received);
        parse_errors += read(w.parse_errors);
        requests_forwarded += read(w.requests_forwarded);
        replies_forwarded += read(w.replies_forwarded);
        local_replies_sent += read(w.local_replies_sent);
        send_errors += read(w.send_errors);
        dropped += read(w.dropped);
        shed += read(w.shed);
        for (size_t i = 0; i < kMethodCount; ++i) requests_by_method[i] += read(w.requests_by_method[i]);
        for (size_t i = 0; i < 6; ++i) {
            replies_received_by_class[i] += read(w.replies_received_by_class[i]);
            replies_sent_by_class[i] += read(w.replies_sent_by_class[i]);
        }
    }
};

}  // namespace sipline::core
