#include "state_sharing.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <charconv>
#include <stdexcept>

namespace sipline::dispatcher {
namespace {

constexpr const char *kKey = "sipline:dispatcher:states"; // the hash, and the channel
constexpr size_t kMaxPending = 100000;

// KEYS[1] the hash. ARGV: field bits. The message is "<bits> <field>".
constexpr const char *kPublishScript =
    "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
    "redis.call('PUBLISH', KEYS[1], ARGV[2] .. ' ' .. ARGV[1])\n"
    "return 1\n";

std::string fieldOf(const SharedState &state) { return std::to_string(state.setid) + "|" + state.uri; }

htable::RedisEndpoint endpointOf(const std::string &url) {
    std::string why;
    const auto endpoint = htable::parseRedisUrl(url, &why);
    if (!endpoint) throw std::invalid_argument{why};
    return *endpoint;
}

template <class T> bool number(std::string_view text, T &out) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && error == std::errc{} && end == text.data() + text.size();
}

}  // namespace

StateSharing::StateSharing(const std::string &url, StateSharingHooks hooks, std::chrono::milliseconds timeout)
    : hooks_{std::move(hooks)},
      timeout_{timeout},
      endpoint_{endpointOf(url)},
      display_url_{htable::redisUrlForDisplay(url)},
      wake_fd_{eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)} {
    if (wake_fd_ < 0) throw std::runtime_error{"dispatcher share_states: eventfd failed"};
}

StateSharing::~StateSharing() {
    stop();
    close(wake_fd_);
}

void StateSharing::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread{[this] { run(); }};
}

void StateSharing::stop() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = write(wake_fd_, &one, sizeof one);
    thread_.join();
}

void StateSharing::publish(SharedState state) {
    {
        std::lock_guard lock{mutex_};
        if (pending_.size() >= kMaxPending) return; // states are few; this only bounds a storm
        pending_.push_back(std::move(state));
    }
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = write(wake_fd_, &one, sizeof one);
}

void StateSharing::waitForWork(std::chrono::milliseconds limit) {
    pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {subscriber_ ? subscriber_->fd() : -1, POLLIN, 0}};
    if (poll(fds, subscriber_ ? 2 : 1, static_cast<int>(limit.count())) > 0 && (fds[0].revents & POLLIN)) {
        uint64_t count = 0;
        [[maybe_unused]] const ssize_t got = read(wake_fd_, &count, sizeof count);
    }
}

void StateSharing::run() {
    auto retry = std::chrono::milliseconds{100};
    while (!stopping_) {
        if (!commands_) {
            try {
                connect();
                retry = std::chrono::milliseconds{100};
            } catch (const std::exception &e) {
                disconnect(e.what());
                const auto until = std::chrono::steady_clock::now() + retry;
                while (!stopping_ && std::chrono::steady_clock::now() < until) waitForWork(retry);
                retry = std::min(retry * 2, std::chrono::milliseconds{5000});
                continue;
            }
        }
        try {
            waitForWork(std::chrono::milliseconds{200});
            sendPending();
            readMessages();
        } catch (const std::exception &e) {
            disconnect(e.what());
        }
    }
    if (commands_) {
        try {
            sendPending();
        } catch (const std::exception &) {
        }
    }
    commands_.reset();
    subscriber_.reset();
}

void StateSharing::connect() {
    auto commands = std::make_unique<htable::RedisConnection>(endpoint_, timeout_);
    auto subscriber = std::make_unique<htable::RedisConnection>(endpoint_, timeout_);
    subscriber->append({"SUBSCRIBE", kKey});
    if (subscriber->nextReply()->type != REDIS_REPLY_ARRAY) throw htable::RedisError{"SUBSCRIBE refused"};
    commands_ = std::move(commands);
    subscriber_ = std::move(subscriber);
    sendPending(); // what changed here while away goes first
    const htable::RedisReply all = commands_->command({"HGETALL", kKey});
    for (size_t i = 0; all->type == REDIS_REPLY_ARRAY && i + 1 < all->elements; i += 2)
        applyText(htable::replyText(all->element[i]), htable::replyText(all->element[i + 1]));
    connected_ = true;
    if (down_logged_) hooks_.info("destination states: " + display_url_ + " is back, states resynchronised");
    else hooks_.info("destination states shared through " + display_url_);
    down_logged_ = false;
}

void StateSharing::disconnect(const std::string &reason) {
    commands_.reset();
    subscriber_.reset();
    connected_ = false;
    if (down_logged_) return;
    down_logged_ = true;
    hooks_.warning("destination states: " + display_url_ + " is down (" + reason +
                   "); states stay local until it is back");
}

void StateSharing::sendPending() {
    std::deque<SharedState> batch;
    {
        std::lock_guard lock{mutex_};
        batch.swap(pending_);
    }
    size_t answered = 0;
    try {
        for (const SharedState &state : batch)
            commands_->append({"EVAL", kPublishScript, "1", kKey, fieldOf(state), std::to_string(state.bits)});
        for (; answered < batch.size(); ++answered) {
            commands_->nextReply();
            published_.fetch_add(1, std::memory_order_relaxed);
        }
    } catch (...) {
        std::lock_guard lock{mutex_};
        for (size_t i = batch.size(); i > answered; --i) pending_.push_front(std::move(batch[i - 1]));
        throw;
    }
}

void StateSharing::readMessages() {
    pollfd readable{subscriber_->fd(), POLLIN, 0};
    if (poll(&readable, 1, 0) <= 0) return;
    subscriber_->readAvailable();
    while (htable::RedisReply reply = subscriber_->bufferedReply()) {
        if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3) continue;
        if (htable::replyText(reply->element[0]) != "message") continue;
        const std::string text = htable::replyText(reply->element[2]);
        const size_t space = text.find(' ');
        if (space == std::string::npos) continue;
        applyText(text.substr(space + 1), text.substr(0, space));
    }
}

void StateSharing::applyText(const std::string &field, const std::string &bits_text) {
    const size_t bar = field.find('|');
    SharedState state;
    if (bar == std::string::npos || !number(std::string_view{field}.substr(0, bar), state.setid) ||
        !number(std::string_view{bits_text}, state.bits)) {
        hooks_.warning("destination states: ignored a malformed entry \"" + field + "\" = \"" + bits_text + "\"");
        return;
    }
    state.uri = field.substr(bar + 1);
    hooks_.apply(state);
    applied_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace sipline::dispatcher
