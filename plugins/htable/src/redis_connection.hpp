// One blocking hiredis connection with timeouts, owned by the replication thread: connects,
// authenticates and selects the database; runs commands one by one or pipelined. Any
// failure throws RedisError and leaves the connection unusable (the caller reconnects).
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <hiredis/hiredis.h>

#include "redis_url.hpp"

namespace sipline::htable {

struct RedisError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ReplyDeleter {
    void operator()(redisReply *reply) const noexcept { freeReplyObject(reply); }
};
using RedisReply = std::unique_ptr<redisReply, ReplyDeleter>;

using RedisArgs = std::vector<std::string>;

class RedisConnection {
public:
    // Throws RedisError when the server cannot be reached within `timeout`, or refuses AUTH
    // or SELECT. Every later read or write gives up after `timeout` too.
    RedisConnection(const RedisEndpoint &endpoint, std::chrono::milliseconds timeout);
    ~RedisConnection();
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;

    // One command and its reply; an error reply throws RedisError too.
    RedisReply command(const RedisArgs &args);
    // Pipelining: queue commands, then read their replies in order (error replies returned).
    void append(const RedisArgs &args);
    RedisReply nextReply();

    // For a subscriber connection: the socket to poll, and the replies already received.
    int fd() const noexcept { return context_->fd; }
    // Reads what the socket has (call when poll says readable). Throws on EOF or error.
    void readAvailable();
    // A complete reply read earlier, or null when none is buffered.
    RedisReply bufferedReply();

private:
    [[noreturn]] void fail(const std::string &what) const;
    redisContext *context_ = nullptr;
};

// The text of a string or status reply ("" otherwise).
std::string replyText(const redisReply *reply);

}  // namespace sipline::htable
