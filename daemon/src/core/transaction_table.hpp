// Every live transaction, found by its key (requests from upstream) or its id (replies from
// downstream carry it in our Via branch), plus a queue of when each one's timers are due.
// Bounded: a full table refuses new transactions, so a flood cannot grow memory.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/transaction.hpp"

namespace sipline::core {

class TransactionTable {
public:
    explicit TransactionTable(size_t capacity) : capacity_{capacity} {}

    // False when full or the key is taken.
    bool insert(const std::shared_ptr<Transaction> &t);
    void erase(const Transaction &t);
    std::shared_ptr<Transaction> byKey(const std::string &key) const;
    std::shared_ptr<Transaction> byId(std::string_view id) const;
    size_t size() const;
    // No transaction to find by key: a stateless route never creates one, so its requests
    // skip building a key and taking the lock.
    bool noneKeyed() const noexcept { return keyed_.load(std::memory_order_acquire) == 0; }

    // Remember that t has a timer due at `due` (an earlier entry for t may become stale: the
    // tick checks nextDue() again).
    void schedule(const std::shared_ptr<Transaction> &t, Clock::time_point due);
    // Transactions with an entry due by now, each once.
    std::vector<std::shared_ptr<Transaction>> takeDue(Clock::time_point now);
    // No timer entry left (the relay's tick can stop until the next schedule()).
    bool nothingScheduled() const;

private:
    struct Entry {
        Clock::time_point due;
        std::weak_ptr<Transaction> transaction;
        bool operator>(const Entry &o) const { return due > o.due; }
    };
    const size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<Transaction>> by_key_;
    std::unordered_map<std::string, std::shared_ptr<Transaction>> by_id_;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> timers_;
    std::atomic<size_t> keyed_{0};
};

}  // namespace sipline::core
