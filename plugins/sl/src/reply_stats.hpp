// sl's counters (Kamailio's sl statistics). Workers count, the control thread reads: relaxed
// atomics, since each counter is independent and only needs to be eventually exact.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sipline::sl {

// Exclusive buckets: a 200 counts in k200 only, never in k2xx as well.
enum class ReplyBucket : uint8_t {
    k1xx, k200, k202, k2xx, k300, k301, k302, k3xx,
    k400, k401, k403, k404, k407, k408, k483, k4xx,
    k500, k5xx, k6xx, kxxx, // kxxx: code < 100 or >= 700
};
inline constexpr size_t kReplyBucketCount = static_cast<size_t>(ReplyBucket::kxxx) + 1;

ReplyBucket bucketFor(int code) noexcept;
// The bucket's key in sl.stats: "1xx", "200", ..., "xxx".
std::string_view bucketName(ReplyBucket bucket) noexcept;

class ReplyStats {
public:
    void countSent(int code) noexcept;
    void countFailure() noexcept { failures_.fetch_add(1, std::memory_order_relaxed); }
    void countAbsorbedAck() noexcept { received_acks_.fetch_add(1, std::memory_order_relaxed); }

    uint64_t sent(ReplyBucket bucket) const noexcept;
    uint64_t sentTotal() const noexcept { return sent_replies_.load(std::memory_order_relaxed); }
    uint64_t failures() const noexcept { return failures_.load(std::memory_order_relaxed); }
    uint64_t receivedAcks() const noexcept { return received_acks_.load(std::memory_order_relaxed); }

    // sl.stats: Kamailio's keys in Kamailio's order, then "1xx", "sent_replies", "failures" and
    // "received_ACKs", which Kamailio keeps as statistics but leaves out of its RPC answer.
    std::string toJson() const;

private:
    std::array<std::atomic<uint64_t>, kReplyBucketCount> buckets_{};
    std::atomic<uint64_t> sent_replies_{0};
    std::atomic<uint64_t> failures_{0};
    std::atomic<uint64_t> received_acks_{0};
};

}  // namespace sipline::sl
