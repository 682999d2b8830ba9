#include "redis_connection.hpp"

#include <sys/time.h>

namespace sipline::htable {
namespace {

timeval toTimeval(std::chrono::milliseconds timeout) {
    return timeval{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
}

std::vector<const char *> pointers(const RedisArgs &args, std::vector<size_t> &lengths) {
    std::vector<const char *> out;
    out.reserve(args.size());
    lengths.clear();
    for (const std::string &arg : args) {
        out.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    return out;
}

}  // namespace

RedisConnection::RedisConnection(const RedisEndpoint &endpoint, std::chrono::milliseconds timeout) {
    context_ = redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, toTimeval(timeout));
    if (!context_) throw RedisError{"cannot allocate a Redis connection"};
    try {
        if (context_->err) fail("connect to " + endpoint.host + ":" + std::to_string(endpoint.port));
        if (redisSetTimeout(context_, toTimeval(timeout)) != REDIS_OK) fail("set timeout");
        redisEnableKeepAlive(context_);
        if (!endpoint.password.empty()) {
            if (endpoint.user.empty()) command({"AUTH", endpoint.password});
            else command({"AUTH", endpoint.user, endpoint.password});
        }
        if (endpoint.db != 0) command({"SELECT", std::to_string(endpoint.db)});
    } catch (...) {
        // A constructor that throws gets no destructor: the context is freed here.
        redisFree(context_);
        context_ = nullptr;
        throw;
    }
}

RedisConnection::~RedisConnection() {
    if (context_) redisFree(context_);
}

void RedisConnection::fail(const std::string &what) const {
    throw RedisError{what + ": " + (context_->errstr[0] ? context_->errstr : "connection error")};
}

RedisReply RedisConnection::command(const RedisArgs &args) {
    append(args);
    RedisReply reply = nextReply();
    if (reply->type == REDIS_REPLY_ERROR) throw RedisError{args[0] + ": " + std::string{reply->str, reply->len}};
    return reply;
}

void RedisConnection::append(const RedisArgs &args) {
    std::vector<size_t> lengths;
    std::vector<const char *> argv = pointers(args, lengths);
    if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()) != REDIS_OK)
        fail(args.empty() ? "append" : args[0]);
}

RedisReply RedisConnection::nextReply() {
    void *reply = nullptr;
    if (redisGetReply(context_, &reply) != REDIS_OK || !reply) fail("read reply");
    return RedisReply{static_cast<redisReply *>(reply)};
}

void RedisConnection::readAvailable() {
    if (redisBufferRead(context_) != REDIS_OK) fail("read");
}

RedisReply RedisConnection::bufferedReply() {
    void *reply = nullptr;
    if (redisGetReplyFromReader(context_, &reply) != REDIS_OK) fail("parse reply");
    return RedisReply{static_cast<redisReply *>(reply)};
}

std::string replyText(const redisReply *reply) {
    if (!reply) return {};
    if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS) return {reply->str, reply->len};
    if (reply->type == REDIS_REPLY_INTEGER) return std::to_string(reply->integer);
    return {};
}

}  // namespace sipline::htable
