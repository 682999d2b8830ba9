// Response times on the wire, with the kernel's timestamps: sipp's own are whole milliseconds,
// too coarse on loopback. Captures UDP on the loopback interface (root, inside bench/run.sh's
// network namespace) and, per Call-ID, takes the time from the caller's first request (source
// port CALLER_PORT) to the first response with status CODE sent to it. A kernel filter passes
// only the caller's packets, once each (loopback shows every packet going out and coming in),
// so capturing costs little CPU next to the server and sipp it measures.
// On SIGTERM/SIGINT prints: samples=N p50_us=X p99_us=Y.
// Usage: latency_sniffer CALLER_PORT CODE READY_FILE  (READY_FILE is created once capturing)
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

volatile std::sig_atomic_t running = 1;
void stop(int) { running = 0; }

// Accept IPv4/UDP packets from or to `port` that are not the outgoing copy; drop the rest.
// Jump offsets count from the next instruction: 11 is accept, 12 is drop.
std::vector<sock_filter> callerFilter(uint16_t port) {
    return {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_PKTTYPE)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OUTGOING, 10, 0),
        BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),           // ethertype
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 8),
        BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 14 + 9),       // IP protocol
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPPROTO_UDP, 0, 6),
        BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 14),          // X = IP header length
        BPF_STMT(BPF_LD | BPF_H | BPF_IND, 14),           // UDP source port
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 2, 0),
        BPF_STMT(BPF_LD | BPF_H | BPF_IND, 16),           // UDP destination port
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, 0xFFFF),
        BPF_STMT(BPF_RET | BPF_K, 0),
    };
}

std::string_view callId(std::string_view sip) {
    size_t at = sip.find("\r\nCall-ID:");
    if (at == std::string_view::npos) at = sip.find("\r\ni:");
    if (at == std::string_view::npos) return {};
    size_t start = sip.find(':', at + 2) + 1;
    const size_t end = sip.find("\r\n", start);
    if (end == std::string_view::npos) return {};
    while (start < end && sip[start] == ' ') ++start;
    return sip.substr(start, end - start);
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: latency_sniffer CALLER_PORT CODE READY_FILE\n");
        return 2;
    }
    const auto caller_port = static_cast<uint16_t>(std::atoi(argv[1]));
    const std::string status = std::string("SIP/2.0 ") + argv[2] + " ";

    const int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (fd < 0) return std::perror("latency_sniffer: socket (needs root)"), 1;
    auto filter = callerFilter(caller_port);
    sock_fprog program{static_cast<unsigned short>(filter.size()), filter.data()};
    const int buffer = 64 << 20, on = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) < 0)
        return std::perror("latency_sniffer: setsockopt"), 1;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof buffer) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    sockaddr_ll address{};
    address.sll_family = AF_PACKET;
    address.sll_protocol = htons(ETH_P_ALL);
    address.sll_ifindex = static_cast<int>(if_nametoindex("lo"));
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) < 0)
        return std::perror("latency_sniffer: bind lo"), 1;

    struct sigaction action{};
    action.sa_handler = stop;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::ofstream(argv[3]).close();

    std::unordered_map<std::string, int64_t> sent; // Call-ID -> ns of the first request
    std::vector<double> latencies;                 // microseconds
    std::vector<char> packet(65600);
    char control[256];
    while (running) {
        pollfd wait{fd, POLLIN, 0};
        if (poll(&wait, 1, 200) <= 0) continue;
        iovec io{packet.data(), packet.size()};
        msghdr message{};
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        const ssize_t n = recvmsg(fd, &message, MSG_DONTWAIT);
        if (n < 14 + 20 + 8) continue;
        int64_t when = -1;
        for (cmsghdr *c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_TIMESTAMPNS) {
                timespec t;
                std::memcpy(&t, CMSG_DATA(c), sizeof t);
                when = int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
            }
        if (when < 0) continue;
        const auto *bytes = reinterpret_cast<const unsigned char *>(packet.data());
        const size_t udp = 14 + size_t(bytes[14] & 0x0F) * 4;
        if (size_t(n) < udp + 8) continue;
        const uint16_t source = uint16_t(bytes[udp] << 8 | bytes[udp + 1]);
        const std::string_view sip(packet.data() + udp + 8, size_t(n) - udp - 8);
        if (source == caller_port && !sip.starts_with("SIP/2.0")) {
            const auto id = callId(sip);
            if (!id.empty()) sent.try_emplace(std::string(id), when);
        } else if (source != caller_port && sip.starts_with(status)) {
            const auto it = sent.find(std::string(callId(sip)));
            if (it != sent.end() && it->second != INT64_MAX) {
                latencies.push_back(double(when - it->second) / 1000.0);
                it->second = INT64_MAX; // answered: later requests of the call keep no new start
            }
        }
    }
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double fraction) {
        if (latencies.empty()) return 0.0;
        return latencies[std::min(latencies.size() - 1, size_t(fraction * double(latencies.size())))];
    };
    std::printf("samples=%zu p50_us=%.0f p99_us=%.0f\n", latencies.size(), percentile(0.50), percentile(0.99));
    return 0;
}
