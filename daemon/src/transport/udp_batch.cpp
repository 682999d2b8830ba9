#include "transport/udp_batch.hpp"

#include <netinet/in.h>

#include <cerrno>
#include <cstring>

namespace sipline::transport {
namespace {

Endpoint endpointOf(const sockaddr_storage &address) {
    namespace ip = boost::asio::ip;
    if (address.ss_family == AF_INET6) {
        const auto &in6 = reinterpret_cast<const sockaddr_in6 &>(address);
        ip::address_v6::bytes_type bytes;
        std::memcpy(bytes.data(), &in6.sin6_addr, bytes.size());
        return {Proto::Udp, ip::address_v6{bytes, in6.sin6_scope_id}, ntohs(in6.sin6_port)};
    }
    const auto &in4 = reinterpret_cast<const sockaddr_in &>(address);
    return {Proto::Udp, ip::address_v4{ntohl(in4.sin_addr.s_addr)}, ntohs(in4.sin_port)};
}

socklen_t fill(sockaddr_storage &out, const Endpoint &to) {
    std::memset(&out, 0, sizeof out);
    if (to.address.is_v6()) {
        auto &in6 = reinterpret_cast<sockaddr_in6 &>(out);
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(to.port);
        const auto v6 = to.address.to_v6();
        const auto bytes = v6.to_bytes();
        std::memcpy(&in6.sin6_addr, bytes.data(), bytes.size());
        in6.sin6_scope_id = v6.scope_id();
        return sizeof in6;
    }
    auto &in4 = reinterpret_cast<sockaddr_in &>(out);
    in4.sin_family = AF_INET;
    in4.sin_port = htons(to.port);
    in4.sin_addr.s_addr = htonl(to.address.to_v4().to_uint());
    return sizeof in4;
}

}  // namespace

UdpReceiveBatch::UdpReceiveBatch() : buffers_{new char[kSize * kDatagramBytes]} {
    for (size_t i = 0; i < kSize; ++i) {
        iovecs_[i] = {buffers_.get() + i * kDatagramBytes, kDatagramBytes};
        headers_[i].msg_hdr.msg_iov = &iovecs_[i];
        headers_[i].msg_hdr.msg_iovlen = 1;
        headers_[i].msg_hdr.msg_name = &sources_[i];
    }
}

bool UdpReceiveBatch::enableArrivalTimes(int fd) noexcept {
    const int on = 1;
    arrival_times_ = ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0;
    return arrival_times_;
}

int64_t UdpReceiveBatch::queuedMs(int i, const timespec &now) const noexcept {
    if (!arrival_times_) return 0;
    msghdr &header = const_cast<msghdr &>(headers_[size_t(i)].msg_hdr); // the CMSG macros want non-const
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
        timespec arrived;
        std::memcpy(&arrived, CMSG_DATA(c), sizeof arrived);
        return (now.tv_sec - arrived.tv_sec) * 1000 + (now.tv_nsec - arrived.tv_nsec) / 1000000;
    }
    return 0;
}

int UdpReceiveBatch::receive(int fd) noexcept {
    for (size_t i = 0; i < kSize; ++i) {
        msghdr &header = headers_[i].msg_hdr;
        header.msg_namelen = sizeof(sockaddr_storage);
        header.msg_control = arrival_times_ ? controls_[i].data() : nullptr;
        header.msg_controllen = arrival_times_ ? controls_[i].size() : 0;
    }
    const int n = ::recvmmsg(fd, headers_.data(), kSize, MSG_DONTWAIT, nullptr);
    return n < 0 ? 0 : n;
}

Endpoint UdpReceiveBatch::source(int i) const { return endpointOf(sources_[size_t(i)]); }

void UdpSendBatch::add(int fd, const Endpoint &to, std::string_view bytes) {
    if (count_ == kSize) flush(fd);
    offsets_[count_] = storage_.size();
    storage_.insert(storage_.end(), bytes.begin(), bytes.end());
    iovecs_[count_].iov_len = bytes.size();
    headers_[count_].msg_hdr.msg_namelen = fill(targets_[count_], to);
    ++count_;
}

size_t UdpSendBatch::flush(int fd) noexcept {
    size_t failed = 0;
    for (size_t i = 0; i < count_; ++i) {
        iovecs_[i].iov_base = storage_.data() + offsets_[i];
        auto &header = headers_[i].msg_hdr;
        header.msg_iov = &iovecs_[i];
        header.msg_iovlen = 1;
        header.msg_name = &targets_[i];
    }
    for (size_t sent = 0; sent < count_;) {
        const int n = ::sendmmsg(fd, headers_.data() + sent, unsigned(count_ - sent), MSG_DONTWAIT);
        if (n > 0) {
            sent += size_t(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            ++failed; // this datagram cannot go (full buffer, unreachable): skip it, as sendto would
            ++sent;
        }
    }
    count_ = 0;
    storage_.clear();
    return failed;
}

}  // namespace sipline::transport
