#include "core/local_requests.hpp"

#include <cstdio>
#include <vector>

#include "core/message_processor.hpp"
#include "core/next_hop.hpp"
#include "core/resolver.hpp"
#include "util/log.hpp"

namespace sipline::core {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kSweepInterval{50};
constexpr std::string_view kBranchPrefix = "z9hG4bKsll";

const transport::Endpoint *localFor(const std::vector<transport::Endpoint> &listen, transport::Proto proto,
                                    const boost::asio::ip::address &to) {
    for (const auto &l : listen)
        if (l.proto == proto && l.address.is_v4() == to.is_v4()) return &l;
    return nullptr;
}

}  // namespace

LocalRequests::LocalRequests(std::vector<transport::Endpoint> listen, Resolver &resolver,
                             util::TimerService &timers, std::chrono::milliseconds t1, std::chrono::milliseconds t2)
    : listen_{std::move(listen)}, resolver_{resolver}, t1_{t1}, t2_{t2}, random_{std::random_device{}()},
      sweeper_{timers, kSweepInterval, [this] { sweep(); }, [this] { return pending() == 0; }} {}

LocalRequests::~LocalRequests() { sweeper_.stop(); }

void LocalRequests::setPost(Post post) {
    std::lock_guard lock{mutex_};
    post_ = std::move(post);
}

std::string LocalRequests::randomHex() {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(random_()));
    return out;
}

bool LocalRequests::send(plugins::OutgoingRequest request, OnFinal on_final, std::string *why) {
    const std::string &target = request.destination.empty() ? request.request_uri : request.destination;
    auto hop = nextHopForUri(target, why);
    if (!hop) return false;
    auto address = resolver_.resolve(hop->host);
    if (!address) {
        if (why) *why = "cannot resolve '" + hop->host + "'";
        return false;
    }
    const transport::Endpoint *local = localFor(listen_, hop->proto, *address);
    if (!local) {
        if (why) *why = "no " + std::string{transport::protoName(hop->proto)} + " listen address to send from";
        return false;
    }

    std::unique_lock lock{mutex_};
    if (!post_) {
        if (why) *why = "the daemon is not running yet";
        return false;
    }
    const std::string branch = std::string{kBranchPrefix} + randomHex();
    const std::string from = request.from_uri.empty() ? "sip:sipline@" + local->hostText() : request.from_uri;
    const std::string &to = request.to_uri.empty() ? request.request_uri : request.to_uri;
    std::string m;
    m.reserve(384 + request.headers.size() + request.body.size());
    m.append(request.method).append(" ").append(request.request_uri).append(" SIP/2.0\r\n");
    m.append("Via: SIP/2.0/").append(transport::protoViaName(local->proto)).append(" ").append(local->hostText());
    m.append(":").append(std::to_string(local->port)).append(";branch=").append(branch).append(";rport\r\n");
    m.append("Max-Forwards: 70\r\n");
    m.append("From: <").append(from).append(">;tag=").append(randomHex()).append("\r\n");
    m.append("To: <").append(to).append(">\r\n");
    m.append("Call-ID: ").append(randomHex()).append(randomHex()).append("@").append(local->hostText()).append("\r\n");
    m.append("CSeq: 10 ").append(request.method).append("\r\n");
    m.append(request.headers);
    m.append("Content-Length: ").append(std::to_string(request.body.size())).append("\r\n\r\n");
    m.append(request.body);

    const auto now = Clock::now();
    Pending p{std::move(on_final), std::move(m), *local, transport::Endpoint{hop->proto, *address, hop->port},
              now + request.timeout, now + t1_, t1_};
    transmit(p);
    pending_.emplace(branch, std::move(p));
    lock.unlock(); // arm() asks pending(), which takes mutex_
    sweeper_.arm();
    return true;
}

void LocalRequests::transmit(const Pending &p) {
    // Called with mutex_ held; the worker sends later, from its own thread.
    post_([bytes = p.bytes, local = p.local, to = p.to](Sender &sender) {
        if (to.proto == transport::Proto::Udp) sender.sendUdp(local, to, bytes);
        else sender.sendTcp(0, to, bytes);
    });
}

bool LocalRequests::onReply(const sip::Message &reply) {
    const sip::Via *top = reply.topVia();
    if (!top || !top->branch || top->branch->rfind(kBranchPrefix, 0) != 0) return false;
    OnFinal on_final;
    {
        std::lock_guard lock{mutex_};
        auto it = pending_.find(std::string{*top->branch});
        if (it == pending_.end()) return true; // a late or retransmitted reply: absorbed
        if (reply.statusCode() < 200) {
            // Provisional: the server has it; keep waiting, retransmitting at T2 (17.1.2.2).
            it->second.interval = t2_;
            return true;
        }
        on_final = std::move(it->second.on_final);
        pending_.erase(it);
    }
    on_final(reply.statusCode(), reply.bytes());
    return true;
}

void LocalRequests::sweep() {
    std::vector<OnFinal> expired;
    {
        std::lock_guard lock{mutex_};
        const auto now = Clock::now();
        for (auto it = pending_.begin(); it != pending_.end();) {
            Pending &p = it->second;
            if (now >= p.deadline) {
                expired.push_back(std::move(p.on_final));
                it = pending_.erase(it);
                continue;
            }
            if (p.to.proto == transport::Proto::Udp && now >= p.next_retransmit && post_) {
                transmit(p);
                p.interval = std::min(p.interval * 2, t2_);
                p.next_retransmit = now + p.interval;
            }
            ++it;
        }
    }
    for (auto &on_final : expired) on_final(408, {});
}

void LocalRequests::abandonAll() {
    std::vector<OnFinal> abandoned;
    {
        std::lock_guard lock{mutex_};
        for (auto &[branch, p] : pending_) abandoned.push_back(std::move(p.on_final));
        pending_.clear();
    }
    for (auto &on_final : abandoned) on_final(0, {});
}

size_t LocalRequests::pending() const {
    std::lock_guard lock{mutex_};
    return pending_.size();
}

}  // namespace sipline::core
