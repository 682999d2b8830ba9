// Replication of the tables that name one Redis server (replicate = "redis://..."): one
// thread per server, with two connections, one for commands and one subscribed to the tables'
// channels. Workers never touch the network: their changes reach this thread through a
// ChangeQueue. The thread publishes them (each change is a Lua script that updates the shared
// copy and publishes the result atomically), applies every published change in Redis's order
// (its own included, which is what makes concurrent writers converge), and on each
// (re)connect subscribes first, replays what was written meanwhile, then loads the snapshot.
// When Redis is down the tables keep serving their local copies; the thread logs once and
// retries with a growing delay.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "change_queue.hpp"
#include "hash_table.hpp"
#include "redis_connection.hpp"
#include "replication_scripts.hpp"
#include "wire_message.hpp"

namespace sipline::htable {

enum class ReplicationState : int { Connecting, Synced, Down };
const char *stateName(ReplicationState state) noexcept;

struct ReplicationLog {
    std::function<void(const std::string &)> info, warning, error;
};

struct ReplicationOptions {
    std::chrono::milliseconds timeout{1000};       // connect, and each command
    std::chrono::milliseconds first_retry{100};    // then doubled up to max_retry
    std::chrono::milliseconds max_retry{5000};
    size_t queue_capacity = 200000;                // changes kept while Redis is down
    std::chrono::seconds purge_interval{30};       // expired items deleted in Redis
};

struct ReplicationCounters {
    uint64_t published = 0; // local changes written to Redis
    uint64_t applied = 0;   // changes from other nodes applied here
    uint64_t echoes = 0;    // this node's own changes, applied again in Redis's order
    uint64_t resyncs = 0;   // snapshots loaded (first connect and every reconnect)
    uint64_t dropped = 0;   // changes lost because the queue was full (whole replicator)
};

class Replicator {
public:
    // [main-thread] Attaches itself to the tables (which must outlive it). Throws
    // std::invalid_argument for a bad URL.
    Replicator(const std::string &url, std::vector<HashTable *> tables, ReplicationLog log,
               std::function<Seconds()> clock, ReplicationOptions options = {});
    ~Replicator();
    Replicator(const Replicator &) = delete;
    Replicator &operator=(const Replicator &) = delete;

    void start(); // [main-thread]
    // [main-thread] Publishes what is still queued (when connected), then ends the thread.
    void stop();

    const std::string &url() const noexcept { return display_url_; }
    const std::string &nodeId() const noexcept { return node_id_; }
    ReplicationState state() const noexcept { return state_.load(std::memory_order_relaxed); }
    bool replicates(const HashTable *table) const noexcept;
    ReplicationCounters counters(const HashTable *table) const;
    size_t backlog() const { return queue_.size(); }

private:
    struct Table {
        HashTable *table;
        TableKeys keys;
        std::string known_epoch; // of the data this node last synchronised with
        int64_t last_seq = 0;    // of the last change applied (or held by the snapshot)
        std::atomic<uint64_t> published{0}, applied{0}, echoes{0}, resyncs{0};
        uint32_t index; // in tables_, as in Change::table
        Table(HashTable *t, uint32_t i) : table{t}, keys{t->spec().name}, index{i} {}
    };

    void run();
    void connect();
    void disconnect(const std::string &reason);
    void replayAndReseed(RedisConnection &commands);
    void loadSnapshot(RedisConnection &commands, Table &table);
    void publishPending();
    void readMessages();
    void apply(Table &table, const WireMessage &message);
    void purgeIfDue();
    void sleepInterruptibly(std::chrono::milliseconds delay);
    RedisArgs scriptFor(const Change &change) const;

    ReplicationLog log_;
    std::function<Seconds()> clock_;
    ReplicationOptions options_;
    RedisEndpoint endpoint_;
    std::string display_url_;
    std::string node_id_;
    std::vector<std::unique_ptr<Table>> tables_;
    std::map<std::string, Table *, std::less<>> by_channel_;
    ChangeQueue queue_;

    std::unique_ptr<RedisConnection> commands_;   // replication thread only
    std::unique_ptr<RedisConnection> subscriber_; // replication thread only
    std::atomic<ReplicationState> state_{ReplicationState::Connecting};
    std::atomic<bool> stopping_{false};
    uint64_t last_answered_increment_ = 0; // the newest increment Redis has answered (ran or refused)
    bool down_logged_ = false;
    bool ever_synced_ = false;
    std::chrono::steady_clock::time_point next_purge_{};
    std::thread thread_;
};

}  // namespace sipline::htable
