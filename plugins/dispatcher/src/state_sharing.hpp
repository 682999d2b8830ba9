// Destination states shared between nodes through Redis (share_states = "redis://..."), so
// every node stops sending to a destination that one node found dead. A state change (from a
// keepalive, ds_mark_dst or dispatcher.set_state) is queued by the thread that made it and
// written by a background thread: HSET into sipline:dispatcher:states ("<set>|<uri>" -> state
// bits) and PUBLISH on the channel of the same name, atomically (one Lua script). Each node
// applies what is published; on (re)connect it subscribes, sends what it changed meanwhile,
// then applies the whole hash. Redis down: the node keeps its own states, logs once, retries.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "redis_connection.hpp"

namespace sipline::dispatcher {

struct SharedState {
    int setid = 0;
    std::string uri;
    uint32_t bits = 0; // the state bits only (kInactive, kTrying, kDisabled, kProbing)
};

struct StateSharingHooks {
    // [sharing thread] A state published by some node (this one included): set it.
    std::function<void(const SharedState &)> apply;
    std::function<void(const std::string &)> info, warning;
};

class StateSharing {
public:
    // Throws std::invalid_argument for a bad URL.
    StateSharing(const std::string &url, StateSharingHooks hooks,
                 std::chrono::milliseconds timeout = std::chrono::milliseconds{1000});
    ~StateSharing();
    StateSharing(const StateSharing &) = delete;
    StateSharing &operator=(const StateSharing &) = delete;

    void start();
    void stop();
    // [any thread] Never blocks on the network.
    void publish(SharedState state);

    bool connected() const noexcept { return connected_.load(std::memory_order_relaxed); }
    uint64_t published() const noexcept { return published_.load(std::memory_order_relaxed); }
    uint64_t applied() const noexcept { return applied_.load(std::memory_order_relaxed); }
    const std::string &url() const noexcept { return display_url_; }

private:
    void run();
    void connect();
    void disconnect(const std::string &reason);
    void sendPending();
    void readMessages();
    void applyText(const std::string &field, const std::string &bits);
    void waitForWork(std::chrono::milliseconds limit);

    StateSharingHooks hooks_;
    std::chrono::milliseconds timeout_;
    htable::RedisEndpoint endpoint_;
    std::string display_url_;

    std::mutex mutex_;
    std::deque<SharedState> pending_;
    int wake_fd_ = -1;

    std::unique_ptr<htable::RedisConnection> commands_, subscriber_; // sharing thread only
    std::atomic<bool> connected_{false}, stopping_{false};
    std::atomic<uint64_t> published_{0}, applied_{0};
    bool down_logged_ = false;
    std::thread thread_;
};

}  // namespace sipline::dispatcher
