// Requests the daemon originates for plugins: built right, retransmitted over UDP, matched to
// their final reply by branch, timed out with 408. The workers are replaced by a recording sender.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/local_requests.hpp"
#include "core/message_processor.hpp"
#include "core/resolver.hpp"

namespace sipline::core {
namespace {

using namespace std::chrono_literals;

class RecordingSender final : public Sender {
public:
    bool sendUdp(const transport::Endpoint &, const transport::Endpoint &to, std::string_view bytes) override {
        std::lock_guard lock{mutex};
        sent.emplace_back(bytes);
        destinations.push_back(to.str());
        return true;
    }
    bool sendTcp(uint64_t, const transport::Endpoint &, std::string) override { return false; }
    size_t count() {
        std::lock_guard lock{mutex};
        return sent.size();
    }
    std::mutex mutex;
    std::vector<std::string> sent;
    std::vector<std::string> destinations;
};

struct Outcome {
    std::mutex mutex;
    std::condition_variable done;
    int status = 0;
    int calls = 0;
    std::string reply;
    bool waitFor(std::chrono::milliseconds limit) {
        std::unique_lock lock{mutex};
        return done.wait_for(lock, limit, [this] { return calls > 0; });
    }
};

struct Fixture {
    util::TimerService timers;
    Resolver resolver;
    RecordingSender sender;
    LocalRequests requests{{*transport::parseListenAddress("udp:127.0.0.1:5060", nullptr)}, resolver, timers, 20ms, 80ms};
    Fixture() {
        requests.setPost([this](std::function<void(Sender &)> fn) {
            fn(sender);
            return true;
        });
    }
    bool options(Outcome &outcome, uint32_t timeout_ms = 2000) {
        plugins::OutgoingRequest r;
        r.method = "OPTIONS";
        r.request_uri = "sip:127.0.0.1:5090";
        r.timeout = std::chrono::milliseconds{timeout_ms};
        return requests.send(std::move(r), [&outcome](int status, std::string_view reply) {
            std::lock_guard lock{outcome.mutex};
            outcome.status = status;
            outcome.reply = reply;
            ++outcome.calls;
            outcome.done.notify_all();
        }, nullptr);
    }
};

std::string replyTo(const std::string &request, int code, const std::string &reason) {
    const auto via = request.find("Via: ");
    const auto via_end = request.find("\r\n", via);
    std::string out = "SIP/2.0 " + std::to_string(code) + " " + reason + "\r\n" + request.substr(via, via_end - via + 2);
    for (const char *name : {"From: ", "To: ", "Call-ID: ", "CSeq: "}) {
        const auto at = request.find(std::string{"\r\n"} + name) + 2;
        out += request.substr(at, request.find("\r\n", at) - at + 2);
    }
    return out + "Content-Length: 0\r\n\r\n";
}

TEST(LocalRequests, BuildsACompleteRequestAndDeliversTheFinalReply) {
    Fixture f;
    Outcome outcome;
    ASSERT_TRUE(f.options(outcome));
    ASSERT_EQ(f.sender.count(), 1u);
    const std::string request = f.sender.sent[0];
    EXPECT_EQ(request.rfind("OPTIONS sip:127.0.0.1:5090 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK", 0), 0u)
        << request;
    for (const char *h : {"\r\nMax-Forwards: 70\r\n", "\r\nFrom: <sip:sipline@127.0.0.1>;tag=", "\r\nTo: <sip:127.0.0.1:5090>\r\n",
                          "\r\nCall-ID: ", "\r\nCSeq: 10 OPTIONS\r\n", "\r\nContent-Length: 0\r\n\r\n"})
        EXPECT_NE(request.find(h), std::string::npos) << h;
    EXPECT_EQ(f.sender.destinations[0], "udp:127.0.0.1:5090");

    sip::Message trying;
    const std::string trying_text = replyTo(request, 100, "Trying");
    ASSERT_TRUE(trying.parse(trying_text).ok);
    EXPECT_TRUE(f.requests.onReply(trying));
    EXPECT_EQ(outcome.calls, 0) << "a provisional reply is not the outcome";

    sip::Message ok;
    const std::string ok_text = replyTo(request, 200, "OK");
    ASSERT_TRUE(ok.parse(ok_text).ok);
    EXPECT_TRUE(f.requests.onReply(ok));
    ASSERT_TRUE(outcome.waitFor(1s));
    EXPECT_EQ(outcome.status, 200);
    EXPECT_EQ(outcome.reply.rfind("SIP/2.0 200 OK\r\n", 0), 0u);
    EXPECT_EQ(f.requests.pending(), 0u);
    EXPECT_TRUE(f.requests.onReply(ok)) << "a retransmitted final reply is absorbed";
    EXPECT_EQ(outcome.calls, 1);
}

TEST(LocalRequests, RetransmitsOverUdpThenTimesOutWith408) {
    Fixture f;
    Outcome outcome;
    ASSERT_TRUE(f.options(outcome, 400));
    ASSERT_TRUE(outcome.waitFor(2s));
    EXPECT_EQ(outcome.status, 408);
    EXPECT_TRUE(outcome.reply.empty());
    // T1 = 20 ms doubling to T2 = 80 ms over 400 ms: 20, 40, 80, 80, 80... at least 4 more sends.
    EXPECT_GE(f.sender.count(), 5u);
    std::this_thread::sleep_for(150ms);
    EXPECT_EQ(outcome.calls, 1) << "the outcome is reported exactly once";
    EXPECT_EQ(f.requests.pending(), 0u);
}

TEST(LocalRequests, RefusesWhatCannotBeSent) {
    Fixture f;
    Outcome outcome;
    plugins::OutgoingRequest r;
    r.method = "OPTIONS";
    r.request_uri = "sip:127.0.0.1:5090;transport=tcp"; // no TCP listen address
    std::string why;
    EXPECT_FALSE(f.requests.send(r, [](int, std::string_view) { FAIL(); }, &why));
    EXPECT_NE(why.find("no tcp listen address"), std::string::npos) << why;
    r.request_uri = "mailto:x@y";
    EXPECT_FALSE(f.requests.send(r, [](int, std::string_view) { FAIL(); }, &why));
}

TEST(LocalRequests, RepliesToOtherBranchesAreNotOurs) {
    Fixture f;
    sip::Message reply;
    ASSERT_TRUE(reply.parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKother\r\n"
                            "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n"
                            "Content-Length: 0\r\n\r\n").ok);
    EXPECT_FALSE(f.requests.onReply(reply));
}

}  // namespace
}  // namespace sipline::core
