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
    // max_per_ip: inbound connections from one IP address; 0 for no such limit.
    explicit ConnectionTable(size_t max_connections, size_t max_per_ip = 0)
        : max_connections_{max_connections}, max_per_ip_{max_per_ip} {}

    enum class Admission { Added, TableFull, AddressFull };

    uint64_t nextId() noexcept;
    // False when the global limit is reached (the caller closes the connection).
    bool add(const std::shared_ptr<TcpConnection> &connection);
    // An accepted connection: also counted against its address's limit. The caller closes a
    // connection that is not Added.
    Admission admit(const std::shared_ptr<TcpConnection> &connection);
    size_t maxConnections() const noexcept { return max_connections_; }
    size_t maxPerAddress() const noexcept { return max_per_ip_; }
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
    std::map<uint64_t, std::string> inbound_address_;      // admitted connections' IP addresses
    std::map<std::string, size_t> inbound_per_address_;
    uint64_t next_id_ = 1;
    size_t max_connections_;
    size_t max_per_ip_;
};

}  // namespace sipline::transport
