// A worker: one thread, one io_context, its own UDP sockets (SO_REUSEPORT on the shared
// addresses) and TCP acceptors. A message is parsed, routed and answered on the thread that
// received it, with no locks on the way (shared-nothing).
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "core/message_processor.hpp"
#include "transport/tcp_listener.hpp"
#include "transport/udp_batch.hpp"

namespace sipline::core {

class Worker final : public Sender {
public:
    // Binds every listen address. Throws std::runtime_error naming the address on failure.
    Worker(unsigned index, const Runtime &runtime);
    ~Worker() override;

    void start();
    void stop();
    const CoreStats &stats() const noexcept { return stats_; }
    // [any-thread] Runs fn on this worker's thread with its sender (requests plugins originate).
    void post(std::function<void(Sender &)> fn);
    void post(std::function<void(MessageProcessor &)> fn);

    bool sendUdp(const transport::Endpoint &local, const transport::Endpoint &to, std::string_view bytes) override;
    bool sendTcp(uint64_t connection_id, const transport::Endpoint &to, std::string bytes) override;

private:
    struct UdpSocket {
        explicit UdpSocket(boost::asio::io_context &io) : socket{io} {}
        boost::asio::ip::udp::socket socket;
        transport::Endpoint local;
        transport::UdpReceiveBatch received;
        transport::UdpSendBatch outgoing; // what the current batch sends, flushed at its end
    };
    // recvmmsg calls per readiness wakeup (each up to UdpReceiveBatch::kSize datagrams) before
    // yielding to TCP and timers.
    static constexpr int kUdpReadsPerWakeup = 4;
    void receiveNext(UdpSocket &udp);
    void flushOutgoing();
    // Whether a datagram that waited queued_ms means this worker is behind ([overload]).
    bool overloaded(int64_t queued_ms);
    void onMessage(std::string_view bytes, const transport::ReceiveInfo &rx) { processor_.handle(bytes, rx); }

    unsigned index_;
    const Runtime &runtime_;
    boost::asio::io_context io_;
    CoreStats stats_;
    MessageProcessor processor_;
    std::vector<std::unique_ptr<UdpSocket>> udp_;
    std::vector<std::unique_ptr<transport::TcpListener>> tcp_;
    std::thread thread_;
    bool batching_ = false; // inside a receive batch: UDP sends queue for one sendmmsg
    bool shedding_ = false; // in an overload episode (logged when it starts and ends)
    uint64_t shed_at_start_ = 0;
};

}  // namespace sipline::core
