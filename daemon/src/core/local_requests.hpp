// Requests the daemon originates for plugins (dispatcher's OPTIONS probes): built here, sent
// from a worker, retransmitted over UDP (RFC 3261 17.1.2.2: T1 doubling up to T2), matched to
// their final reply by branch, or given up with 408 when no final reply comes in time.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <unordered_map>

#include "plugins/request_origin.hpp"
#include "sip/message.hpp"
#include "transport/endpoint.hpp"
#include "util/on_demand_timer.hpp"

namespace sipline::core {

class Resolver;
class Sender;

class LocalRequests final : public plugins::RequestOrigin {
public:
    // Runs a function on a worker thread with that worker's sender; false when none runs.
    using Post = std::function<bool(std::function<void(Sender &)>)>;

    LocalRequests(std::vector<transport::Endpoint> listen, Resolver &resolver, util::TimerService &timers,
                  std::chrono::milliseconds t1 = std::chrono::milliseconds{500},
                  std::chrono::milliseconds t2 = std::chrono::milliseconds{4000});
    ~LocalRequests() override;

    // Once the workers exist; until then send() refuses.
    void setPost(Post post);
    bool send(plugins::OutgoingRequest request, OnFinal on_final, std::string *why) override;
    // [worker] A reply whose only Via is ours: true when it answered one of our requests.
    bool onReply(const sip::Message &reply);
    size_t pending() const;
    // [main-thread, at stop] Calls every pending request's callback with status 0, so each
    // plugin frees what it attached (the SDK promises one call per request). Before the
    // plugins are unloaded: their callbacks live in their .so.
    void abandonAll();

private:
    struct Pending {
        OnFinal on_final;
        std::string bytes;
        transport::Endpoint local;
        transport::Endpoint to;
        std::chrono::steady_clock::time_point deadline;
        std::chrono::steady_clock::time_point next_retransmit;
        std::chrono::milliseconds interval;
    };
    // [timer thread] Gives up on overdue requests and retransmits the due ones.
    void sweep();
    void transmit(const Pending &p);
    std::string randomHex();

    const std::vector<transport::Endpoint> listen_;
    Resolver &resolver_;
    const std::chrono::milliseconds t1_, t2_;

    mutable std::mutex mutex_;
    Post post_;
    std::unordered_map<std::string, Pending> pending_; // by Via branch
    std::mt19937_64 random_;
    util::OnDemandTimer sweeper_; // runs sweep() while requests are pending
};

}  // namespace sipline::core
