#include "core/resolver.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include "transport/address_text.hpp"

namespace sipline::core {

std::optional<boost::asio::ip::address> Resolver::resolve(const std::string &host) {
    if (auto literal = transport::parseAddress(host)) return literal;

    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock{mutex_};
        auto it = cache_.find(host);
        if (it != cache_.end() && it->second.expires > now) return it->second.address;
    }
    std::optional<boost::asio::ip::address> found;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *result = nullptr;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &result) == 0 && result) {
        char text[64];
        if (getnameinfo(result->ai_addr, result->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST) == 0)
            found = transport::parseAddress(text);
        freeaddrinfo(result);
    }
    std::lock_guard lock{mutex_};
    cache_[host] = Entry{found, now + std::chrono::seconds{60}};
    return found;
}

}  // namespace sipline::core
