// Host names to addresses. IP literals need no lookup; names are resolved with the system
// resolver and cached for a minute, so a worker blocks at most once per name per minute.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/ip/address.hpp>

namespace sipline::core {

class Resolver {
public:
    std::optional<boost::asio::ip::address> resolve(const std::string &host);

private:
    struct Entry {
        std::optional<boost::asio::ip::address> address;
        std::chrono::steady_clock::time_point expires;
    };
    std::mutex mutex_;
    std::map<std::string, Entry> cache_;
};

}  // namespace sipline::core
