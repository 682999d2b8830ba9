// Every live TCP connection of the daemon, by id and by remote address, so a reply or a
// forwarded message can go out on an existing connection from any worker.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "transport/endpoint.hpp"

namespace sipline::transport {

class TcpConnection;

class ConnectionTable {
public:
    explicit ConnectionTable(size_t max_connections) : max_connections_{max_connections} {}

    uint64_t nextId() noexcept;
    // False when the global limit is reached (the caller closes the connection).
    bool add(const std::shared_ptr<TcpConnection> &connection);
    void remove(uint64_t id, const Endpoint &remote);
    // Also reach connection `id` as `remote` (a peer's Via sent-by address: RFC 3261 18.2.2
    // replies to a request that came over TCP go back on that connection).
    void alias(const Endpoint &remote, uint64_t id);

    std::shared_ptr<TcpConnection> byId(uint64_t id) const;
    std::shared_ptr<TcpConnection> byRemote(const Endpoint &remote) const;
    size_t size() const;

private:
    static std::string key(const Endpoint &e) { return e.str(); }
    mutable std::mutex mutex_;
    std::map<uint64_t, std::weak_ptr<TcpConnection>> by_id_;
    std::map<std::string, uint64_t> by_remote_;
    std::map<uint64_t, std::vector<std::string>> aliases_; // to forget them with the connection
    uint64_t next_id_ = 1;
    size_t max_connections_;
};

}  // namespace sipline::transport
