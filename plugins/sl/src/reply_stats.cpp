#include "reply_stats.hpp"

#include <nlohmann/json.hpp>

namespace sipline::sl {
namespace {

constexpr std::array<std::string_view, kReplyBucketCount> kBucketNames = {
    "1xx", "200", "202", "2xx", "300", "301", "302", "3xx", "400", "401",
    "403", "404", "407", "408", "483", "4xx", "500", "5xx", "6xx", "xxx",
};

size_t indexOf(ReplyBucket bucket) noexcept { return static_cast<size_t>(bucket); }

}  // namespace

ReplyBucket bucketFor(int code) noexcept {
    switch (code) {
    case 200: return ReplyBucket::k200;
    case 202: return ReplyBucket::k202;
    case 300: return ReplyBucket::k300;
    case 301: return ReplyBucket::k301;
    case 302: return ReplyBucket::k302;
    case 400: return ReplyBucket::k400;
    case 401: return ReplyBucket::k401;
    case 403: return ReplyBucket::k403;
    case 404: return ReplyBucket::k404;
    case 407: return ReplyBucket::k407;
    case 408: return ReplyBucket::k408;
    case 483: return ReplyBucket::k483;
    case 500: return ReplyBucket::k500;
    default: break;
    }
    switch (code / 100) {
    case 1: return ReplyBucket::k1xx;
    case 2: return ReplyBucket::k2xx;
    case 3: return ReplyBucket::k3xx;
    case 4: return ReplyBucket::k4xx;
    case 5: return ReplyBucket::k5xx;
    case 6: return ReplyBucket::k6xx;
    default: return ReplyBucket::kxxx; // includes negative codes, whose class rounds to 0
    }
}

std::string_view bucketName(ReplyBucket bucket) noexcept { return kBucketNames[indexOf(bucket)]; }

void ReplyStats::countSent(int code) noexcept {
    buckets_[indexOf(bucketFor(code))].fetch_add(1, std::memory_order_relaxed);
    sent_replies_.fetch_add(1, std::memory_order_relaxed);
}

uint64_t ReplyStats::sent(ReplyBucket bucket) const noexcept {
    return buckets_[indexOf(bucket)].load(std::memory_order_relaxed);
}

std::string ReplyStats::toJson() const {
    nlohmann::ordered_json stats = nlohmann::ordered_json::object();
    for (size_t i = indexOf(ReplyBucket::k200); i < kReplyBucketCount; ++i)
        stats[std::string{kBucketNames[i]}] = buckets_[i].load(std::memory_order_relaxed);
    stats["1xx"] = sent(ReplyBucket::k1xx);
    stats["sent_replies"] = sentTotal();
    stats["failures"] = failures();
    stats["received_ACKs"] = receivedAcks();
    return stats.dump();
}

}  // namespace sipline::sl
