// Kamailio's tm for sipline: relaying through transactions (RFC 3261 16 and 17). Requests that
// match a transaction (retransmissions, the ACK for a negative reply, CANCEL) are absorbed here;
// `relay` creates the transaction and its branches; replies from branches are matched by our
// Via branch, provisional and 2xx ones go upstream at once, negative ones wait for the best one
// (16.7), which can run the armed failure route first — where a plugin picks the next
// destination and relays again. A timer tick drives retransmissions and final-reply timeouts.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <memory>
#include <random>
#include <string>

#include "config/config.hpp"
#include "core/transaction_table.hpp"
#include "pipeline/message_context.hpp"
#include "util/on_demand_timer.hpp"

namespace sipline::pipeline {
class Program;
}

namespace sipline::core {

class MessageProcessor;
class Resolver;

class StatefulRelay {
public:
    // Runs a function on a worker with its message processor.
    using Post = std::function<void(std::function<void(MessageProcessor &)>)>;

    using Now = std::function<Clock::time_point()>;

    // Ticks itself every few milliseconds on `timers`, on the steady clock.
    StatefulRelay(const config::RelayConfig &config, util::TimerService &timers);
    // Ticks only when tick() is called, on the clock `now`: tests drive time by hand.
    StatefulRelay(const config::RelayConfig &config, Now now);
    ~StatefulRelay();
    StatefulRelay(const StatefulRelay &) = delete;
    StatefulRelay &operator=(const StatefulRelay &) = delete;

    void setPost(Post post);

    // [worker] A request that belongs to a transaction: true when it was handled here.
    bool absorb(pipeline::MessageContext &ctx, MessageProcessor &processor);
    // [worker] The `relay` action: false (ctx.last_error set) when nothing could be sent.
    bool relay(pipeline::MessageContext &ctx, MessageProcessor &processor);
    // [worker] A reply whose top Via is ours: true when it belongs to one of our branches.
    bool onReply(pipeline::MessageContext &ctx, MessageProcessor &processor);

    size_t transactions() const { return table_.size(); }
    // Fires the timers that are due: retransmissions, fr_timer, Timer G/H, removal.
    void tick();

    static constexpr std::string_view kBranchPrefix = "z9hG4bKst";

private:
    using TransactionPtr = std::shared_ptr<Transaction>;

    bool addBranch(Transaction &t, pipeline::MessageContext &ctx, MessageProcessor &processor,
                   std::optional<std::string_view> target = {});
    // The branches a plugin appended (parallel forking), after the first one.
    void addAppendedBranches(Transaction &t, pipeline::MessageContext &ctx, MessageProcessor &processor);
    void onBranchFinal(const TransactionPtr &t, size_t index, MessageProcessor &processor);
    void complete(const TransactionPtr &t, MessageProcessor &processor);
    bool runFailureRoute(const TransactionPtr &t, int code, MessageProcessor &processor);
    void sendUpstream(Transaction &t, std::string_view reply_with_our_via, MessageProcessor &processor);
    void sendLocalUpstream(Transaction &t, int code, std::string_view reason, MessageProcessor &processor);
    void finish(Transaction &t, int code);
    void runReplyRoutes(const Transaction &t, pipeline::MessageContext &ctx, const pipeline::Program &program);
    void cancelPending(Transaction &t, MessageProcessor &processor);
    void sendCancel(ClientBranch &b, MessageProcessor &processor);
    void onTimers(const TransactionPtr &t, MessageProcessor &processor);
    void reschedule(const TransactionPtr &t);
    std::string randomHex();

    const config::RelayConfig config_;
    Now now_;
    TransactionTable table_;
    std::unique_ptr<util::OnDemandTimer> ticker_; // runs tick() while timers are due; null: ticked by hand
    std::mutex post_mutex_;
    Post post_;
    std::mutex random_mutex_;
    std::mt19937_64 random_;
};

// The key that finds a transaction from a request; ACK and CANCEL find their INVITE's.
std::string transactionKey(const sip::Message &request);

}  // namespace sipline::core
