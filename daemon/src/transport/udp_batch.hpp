// Batched UDP I/O: recvmmsg reads up to kSize datagrams in one system call, sendmmsg sends the
// replies and forwards produced meanwhile in one more. Under load this takes the per-datagram
// system-call cost (entry, socket lookup, wakeup accounting) off the hot path.
#pragma once

#include <sys/socket.h>
#include <time.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "transport/endpoint.hpp"

namespace sipline::transport {

class UdpReceiveBatch {
public:
    static constexpr size_t kSize = 32;
    static constexpr size_t kDatagramBytes = 65536;

    UdpReceiveBatch();
    // Asks the kernel for each datagram's arrival time (SO_TIMESTAMPNS on fd), so that
    // queuedMs() can tell how long it waited in the socket: the overload signal.
    bool enableArrivalTimes(int fd) noexcept;
    // Reads what is queued on fd, without blocking; the count (0 when nothing is queued or on
    // error, with errno set by recvmmsg).
    int receive(int fd) noexcept;
    std::string_view datagram(int i) const noexcept {
        return {buffers_.get() + size_t(i) * kDatagramBytes, headers_[size_t(i)].msg_len};
    }
    Endpoint source(int i) const;
    // Milliseconds datagram i waited between its arrival and `now` (CLOCK_REALTIME, as the
    // kernel's stamps); 0 without arrival times.
    int64_t queuedMs(int i, const timespec &now) const noexcept;

private:
    std::unique_ptr<char[]> buffers_; // kSize datagrams of kDatagramBytes; touched pages only
    std::array<mmsghdr, kSize> headers_{};
    std::array<iovec, kSize> iovecs_{};
    std::array<sockaddr_storage, kSize> sources_{};
    // Room for one SCM_TIMESTAMPNS control message per datagram.
    using ControlBuffer = std::array<char, CMSG_SPACE(sizeof(timespec))>;
    std::array<ControlBuffer, kSize> controls_{};
    bool arrival_times_ = false;
};

class UdpSendBatch {
public:
    static constexpr size_t kSize = 32;

    // Queues a copy of bytes for `to`; flushes first when the batch is full.
    void add(int fd, const Endpoint &to, std::string_view bytes);
    // Sends everything queued; returns how many datagrams could not be sent.
    size_t flush(int fd) noexcept;
    bool empty() const noexcept { return count_ == 0; }

private:
    std::array<mmsghdr, kSize> headers_{};
    std::array<iovec, kSize> iovecs_{};
    std::array<sockaddr_storage, kSize> targets_{};
    std::array<size_t, kSize> offsets_{}; // into storage_: iovecs are set at flush (it may grow)
    std::vector<char> storage_;
    size_t count_ = 0;
};

}  // namespace sipline::transport
