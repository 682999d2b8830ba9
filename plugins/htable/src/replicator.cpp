#include "replicator.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <unordered_map>

namespace sipline::htable {
namespace {

constexpr size_t kBatch = 1024; // changes per pipelined round trip
constexpr auto kPollInterval = std::chrono::milliseconds{200};

std::string randomId() {
    std::random_device device;
    std::mt19937_64 generator{(static_cast<uint64_t>(device()) << 32) ^ device()};
    char text[17];
    snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(generator()));
    return text;
}

std::string newNodeId() {
    char host[64] = {};
    gethostname(host, sizeof host - 1);
    return std::string{host} + ":" + std::to_string(getpid()) + ":" + randomId().substr(0, 8);
}

RedisEndpoint endpointOf(const std::string &url) {
    std::string why;
    const auto endpoint = parseRedisUrl(url, &why);
    if (!endpoint) throw std::invalid_argument{why};
    return *endpoint;
}

std::unordered_map<std::string, std::string> pairs(const redisReply *array) {
    std::unordered_map<std::string, std::string> out;
    if (!array || array->type != REDIS_REPLY_ARRAY) return out;
    for (size_t i = 0; i + 1 < array->elements; i += 2)
        out.emplace(replyText(array->element[i]), replyText(array->element[i + 1]));
    return out;
}

}  // namespace

const char *stateName(ReplicationState state) noexcept {
    switch (state) {
    case ReplicationState::Connecting: return "connecting";
    case ReplicationState::Synced: return "synced";
    case ReplicationState::Down: return "down";
    }
    return "?";
}

Replicator::Replicator(const std::string &url, std::vector<HashTable *> tables, ReplicationLog log,
                       std::function<Seconds()> clock, ReplicationOptions options)
    : log_{std::move(log)},
      clock_{std::move(clock)},
      options_{options},
      endpoint_{endpointOf(url)},
      display_url_{redisUrlForDisplay(url)},
      node_id_{newNodeId()},
      queue_{options.queue_capacity} {
    for (HashTable *table : tables) {
        table->attachSink(&queue_, static_cast<uint32_t>(tables_.size()));
        tables_.push_back(std::make_unique<Table>(table, static_cast<uint32_t>(tables_.size())));
        by_channel_.emplace(tables_.back()->keys.channel, tables_.back().get());
    }
}

Replicator::~Replicator() {
    stop();
    for (auto &table : tables_) table->table->attachSink(nullptr, 0);
}

void Replicator::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread{[this] { run(); }};
}

void Replicator::stop() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    queue_.wake();
    thread_.join();
}

bool Replicator::replicates(const HashTable *table) const noexcept {
    for (const auto &entry : tables_)
        if (entry->table == table) return true;
    return false;
}

ReplicationCounters Replicator::counters(const HashTable *table) const {
    ReplicationCounters out;
    out.dropped = queue_.dropped();
    for (const auto &entry : tables_) {
        if (entry->table != table) continue;
        out.published = entry->published.load();
        out.applied = entry->applied.load();
        out.echoes = entry->echoes.load();
        out.resyncs = entry->resyncs.load();
    }
    return out;
}

// ---- the thread -------------------------------------------------------------------------------

void Replicator::run() {
    auto retry = options_.first_retry;
    while (!stopping_) {
        if (!commands_) {
            try {
                connect();
                retry = options_.first_retry;
            } catch (const std::exception &e) {
                disconnect(e.what());
                sleepInterruptibly(retry);
                retry = std::min(retry * 2, options_.max_retry);
                continue;
            }
        }
        try {
            pollfd fds[2] = {{queue_.wakeFd(), POLLIN, 0}, {subscriber_->fd(), POLLIN, 0}};
            const int wait = queue_.size() > 0 ? 0 : static_cast<int>(kPollInterval.count());
            const int ready = poll(fds, 2, wait);
            if (ready > 0 && (fds[0].revents & POLLIN)) queue_.clearWake();
            publishPending();
            if (ready > 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) readMessages();
            purgeIfDue();
        } catch (const std::exception &e) {
            disconnect(e.what());
        }
    }
    // A clean stop sends what workers changed last (a ban set just before a restart).
    if (commands_) {
        try {
            for (int round = 0; round < 100 && queue_.size() > 0; ++round) publishPending();
        } catch (const std::exception &e) {
            log_.warning("replication to " + display_url_ + ": changes not sent at stop: " + e.what());
        }
    }
    commands_.reset();
    subscriber_.reset();
}

void Replicator::sleepInterruptibly(std::chrono::milliseconds delay) {
    const auto deadline = std::chrono::steady_clock::now() + delay;
    while (!stopping_) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return;
        pollfd wake{queue_.wakeFd(), POLLIN, 0};
        if (poll(&wake, 1, static_cast<int>(left.count())) > 0) queue_.clearWake();
    }
}

void Replicator::connect() {
    state_ = ReplicationState::Connecting;
    auto commands = std::make_unique<RedisConnection>(endpoint_, options_.timeout);
    auto subscriber = std::make_unique<RedisConnection>(endpoint_, options_.timeout);
    // Subscribe before anything is read: no change published from here on is missed.
    RedisArgs subscribe{"SUBSCRIBE"};
    for (const auto &table : tables_) subscribe.push_back(table->keys.channel);
    subscriber->append(subscribe);
    for (size_t i = 0; i < tables_.size(); ++i) {
        const RedisReply confirmation = subscriber->nextReply();
        if (confirmation->type != REDIS_REPLY_ARRAY) throw RedisError{"SUBSCRIBE refused"};
    }
    replayAndReseed(*commands);
    for (auto &table : tables_) loadSnapshot(*commands, *table);
    commands_ = std::move(commands);
    subscriber_ = std::move(subscriber);
    state_ = ReplicationState::Synced;
    if (down_logged_) log_.info("replication to " + display_url_ + " is back: tables resynchronised");
    else if (!ever_synced_) log_.info("replicating " + std::to_string(tables_.size()) + " table(s) through " + display_url_ + " as node " + node_id_);
    down_logged_ = false;
    ever_synced_ = true;
}

void Replicator::disconnect(const std::string &reason) {
    commands_.reset();
    subscriber_.reset();
    state_ = ReplicationState::Down;
    if (down_logged_) return;
    down_logged_ = true; // once per outage: retries are silent
    log_.warning("replication to " + display_url_ + " is down (" + reason +
                 "); the tables keep serving their local copies, changes are kept and sent when Redis is back");
}

// What workers changed while we were away goes first, so the snapshot holds it. A Redis that
// lost its data (restarted without persistence: a new epoch) gets this node's whole live
// content instead, without overwriting what another node re-seeded first.
void Replicator::replayAndReseed(RedisConnection &commands) {
    std::vector<bool> reseed(tables_.size(), false);
    for (size_t i = 0; i < tables_.size(); ++i) {
        Table &table = *tables_[i];
        commands.command({"SET", table.keys.epoch, randomId(), "NX"});
        const std::string epoch = replyText(commands.command({"GET", table.keys.epoch}).get());
        reseed[i] = !table.known_epoch.empty() && table.known_epoch != epoch;
    }
    std::deque<Change> backlog = queue_.take(SIZE_MAX);
    size_t sent = 0;
    for (const Change &change : backlog) {
        if (reseed[change.table]) continue;
        commands.append(scriptFor(change));
        ++sent;
    }
    const Seconds now = clock_();
    for (size_t i = 0; i < tables_.size(); ++i) {
        if (!reseed[i]) continue;
        Table &table = *tables_[i];
        log_.warning("table \"" + table.table->spec().name + "\": Redis lost its copy; re-seeding it from this node");
        for (const Item &item : table.table->liveItems(now)) {
            const auto [type, text] = storedForm(item.value);
            commands.append({"EVAL", kSetScript, "4", table.keys.values, table.keys.types, table.keys.expiries,
                             table.keys.seq, table.keys.channel, node_id_, item.name, type, text,
                             std::to_string(item.expire), "1"});
            ++sent;
        }
    }
    for (size_t i = 0; i < sent; ++i) {
        const RedisReply reply = commands.nextReply();
        if (reply->type == REDIS_REPLY_ERROR) log_.error("replication: " + std::string{reply->str, reply->len});
    }
    for (const Change &change : backlog) {
        if (!reseed[change.table]) tables_[change.table]->published.fetch_add(1, std::memory_order_relaxed);
        // Sent, or left out of a table re-seeded from this node's values: either way the
        // snapshot loaded next holds it.
        if (change.kind == ChangeKind::Add) last_answered_increment_ = std::max(last_answered_increment_, change.id);
    }
}

void Replicator::loadSnapshot(RedisConnection &commands, Table &table) {
    const RedisReply reply = commands.command({"EVAL", kSnapshotScript, "5", table.keys.values, table.keys.types,
                                               table.keys.expiries, table.keys.seq, table.keys.epoch});
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 5) throw RedisError{"unexpected snapshot reply"};
    const int64_t seq = std::stoll(replyText(reply->element[0]).empty() ? "0" : replyText(reply->element[0]));
    const auto types = pairs(reply->element[3]);
    const auto expiries = pairs(reply->element[4]);
    const TableSpec &spec = table.table->spec();
    const Seconds now = clock_();
    std::vector<Cell> cells;
    const redisReply *values = reply->element[2];
    for (size_t i = 0; values->type == REDIS_REPLY_ARRAY && i + 1 < values->elements; i += 2) {
        std::string key = replyText(values->element[i]);
        const auto type = types.find(key);
        const auto value = cellValueOf(type == types.end() ? "" : type->second, replyText(values->element[i + 1]));
        if (!value) continue; // half-written by a node that died mid-way: skipped
        Seconds expire = 0;
        if (const auto found = expiries.find(key); found != expiries.end() && spec.autoexpire > 0)
            expire = std::stoll(found->second);
        if (expire != 0 && expire < now) continue;
        cells.push_back(Cell{std::move(key), *value, expire, 0});
    }
    // Every increment answered so far is in the snapshot: their results, late or lost with a
    // connection, must not count again.
    queue_.settleThrough(table.index, last_answered_increment_);
    if (!table.table->replaceAll(std::move(cells), std::chrono::milliseconds{5000}))
        log_.error("table \"" + spec.name + "\": snapshot not applied, a slot stayed locked (htable.lock without unlock?)");
    table.last_seq = seq;
    table.known_epoch = replyText(reply->element[1]);
    table.resyncs.fetch_add(1, std::memory_order_relaxed);
}

RedisArgs Replicator::scriptFor(const Change &change) const {
    const Table &table = *tables_[change.table];
    const TableKeys &k = table.keys;
    RedisArgs args{"EVAL", "", "4", k.values, k.types, k.expiries, k.seq, k.channel, node_id_};
    switch (change.kind) {
    case ChangeKind::Set: {
        args[1] = kSetScript;
        const auto [type, text] = storedForm(change.value);
        args.insert(args.end(), {change.key, type, text, std::to_string(change.expire), "0"});
        break;
    }
    case ChangeKind::Delete:
        args[1] = kDeleteScript;
        args.push_back(change.key);
        break;
    case ChangeKind::Lifetime:
        args[1] = kLifetimeScript;
        args.insert(args.end(), {change.key, std::to_string(change.expire)});
        break;
    case ChangeKind::Flush: args[1] = kFlushScript; break;
    case ChangeKind::Add: {
        args[1] = kAddScript;
        const TableSpec &spec = table.table->spec();
        args.insert(args.end(), {change.key, std::to_string(change.delta), std::to_string(change.now),
                                 std::to_string(spec.autoexpire), spec.updateexpire ? "1" : "0",
                                 spec.initval ? std::to_string(*spec.initval) : "", std::to_string(change.id)});
        break;
    }
    }
    return args;
}

void Replicator::publishPending() {
    // A few batches at a time, so a flood of changes cannot starve the incoming stream.
    for (int round = 0; round < 8; ++round) {
        std::deque<Change> batch = queue_.take(kBatch);
        if (batch.empty()) return;
        size_t answered = 0;
        try {
            for (const Change &change : batch) commands_->append(scriptFor(change));
            for (; answered < batch.size(); ++answered) {
                const RedisReply reply = commands_->nextReply();
                const Change &change = batch[answered];
                if (reply->type == REDIS_REPLY_ERROR)
                    log_.error("replication of \"" + change.key + "\": " + std::string{reply->str, reply->len});
                if (change.kind == ChangeKind::Add) {
                    last_answered_increment_ = change.id;
                    // Refused or skipped by the script: no result will name it.
                    if (reply->type != REDIS_REPLY_INTEGER || reply->integer != 1) queue_.settle(change.id);
                }
                tables_[change.table]->published.fetch_add(1, std::memory_order_relaxed);
            }
        } catch (...) {
            // Unanswered changes are kept for the next connection (one may then count twice
            // if Redis ran it but its answer was lost).
            batch.erase(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(answered));
            queue_.putBack(std::move(batch));
            throw;
        }
    }
}

void Replicator::readMessages() {
    subscriber_->readAvailable();
    while (RedisReply reply = subscriber_->bufferedReply()) {
        if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3) continue;
        if (replyText(reply->element[0]) != "message") continue;
        const auto table = by_channel_.find(replyText(reply->element[1]));
        if (table == by_channel_.end()) continue;
        std::string why;
        const auto message = parseWireMessage(replyText(reply->element[2]), &why);
        if (!message) {
            log_.warning("replication: ignored a message on " + table->first + ": " + why);
            continue;
        }
        apply(*table->second, *message);
    }
}

void Replicator::apply(Table &table, const WireMessage &message) {
    if (message.seq <= table.last_seq) return; // the snapshot already holds it
    table.last_seq = message.seq;
    HashTable &target = *table.table;
    const bool own = message.node == node_id_;
    switch (message.op) {
    case WireOp::Set: {
        // This node's increments that Redis has not run yet, or whose result is still on its
        // way, are not in the published value: applySet adds them back.
        if (own && message.increment != 0) queue_.settle(message.increment);
        target.applySet(message.key, message.value, message.expire);
        break;
    }
    case WireOp::Delete: target.applyRemove(message.key); break;
    case WireOp::Lifetime: target.applyLifetime(message.key, message.expire); break;
    case WireOp::Flush: target.applyFlush(); break;
    }
    (own ? table.echoes : table.applied).fetch_add(1, std::memory_order_relaxed);
}

void Replicator::purgeIfDue() {
    const auto now = std::chrono::steady_clock::now();
    if (now < next_purge_) return;
    next_purge_ = now + options_.purge_interval;
    for (const auto &table : tables_) {
        if (!table->table->expires()) continue;
        const TableKeys &k = table->keys;
        commands_->command({"EVAL", kPurgeScript, "3", k.values, k.types, k.expiries, std::to_string(clock_())});
    }
}

}  // namespace sipline::htable
