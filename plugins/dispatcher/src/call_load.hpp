// Alg 10's call tracking (Kamailio's ds_ht): one entry per Call-ID sent to a destination
// (set + duid), confirmed by a 2xx to the INVITE, removed by BYE/CANCEL or a failed final
// reply, expired by a timer. Loads are counted per (set, duid), so a reload keeps them.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sipline::dispatcher {

class CallLoad {
public:
    using Clock = std::chrono::steady_clock;

    CallLoad(std::chrono::seconds expire, std::chrono::seconds init_expire) noexcept
        : expire_{expire}, init_expire_{init_expire} {}

    int load(int setid, std::string_view duid) const;
    bool contains(std::string_view call_id) const;
    // false when the Call-ID is tracked already (a retransmission or re-INVITE).
    bool add(std::string_view call_id, int setid, std::string_view duid, Clock::time_point now = Clock::now());
    // ds_next_dst: the call moves to another destination.
    bool move(std::string_view call_id, int setid, std::string_view duid);
    bool confirm(std::string_view call_id);
    bool remove(std::string_view call_id);
    // Drops entries past expire, or past init_expire while unconfirmed; returns how many.
    size_t expire(Clock::time_point now = Clock::now());
    size_t size() const;

private:
    struct Entry {
        int setid;
        std::string duid;
        bool confirmed = false;
        Clock::time_point expire;
        Clock::time_point init_expire;
    };
    void release(const Entry &entry); // with mutex_ held

    const std::chrono::seconds expire_, init_expire_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> calls_;
    std::map<std::pair<int, std::string>, int, std::less<>> loads_;
};

}  // namespace sipline::dispatcher
