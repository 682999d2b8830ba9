#include "transport/connection_table.hpp"

#include "transport/tcp_connection.hpp"

namespace sipline::transport {

uint64_t ConnectionTable::nextId() noexcept {
    std::lock_guard lock{mutex_};
    return next_id_++;
}

bool ConnectionTable::add(const std::shared_ptr<TcpConnection> &connection) {
    std::lock_guard lock{mutex_};
    if (by_id_.size() >= max_connections_) return false;
    by_id_[connection->id()] = connection;
    by_remote_[key(connection->remote())] = connection->id();
    return true;
}

ConnectionTable::Admission ConnectionTable::admit(const std::shared_ptr<TcpConnection> &connection) {
    std::lock_guard lock{mutex_};
    if (by_id_.size() >= max_connections_) return Admission::TableFull;
    const std::string address = connection->remote().address.to_string();
    size_t &from_address = inbound_per_address_[address];
    if (max_per_ip_ != 0 && from_address >= max_per_ip_) return Admission::AddressFull;
    ++from_address;
    inbound_address_[connection->id()] = address;
    by_id_[connection->id()] = connection;
    by_remote_[key(connection->remote())] = connection->id();
    return Admission::Added;
}

void ConnectionTable::remove(uint64_t id, const Endpoint &remote) {
    std::lock_guard lock{mutex_};
    by_id_.erase(id);
    if (auto in = inbound_address_.find(id); in != inbound_address_.end()) {
        auto count = inbound_per_address_.find(in->second);
        if (count != inbound_per_address_.end() && --count->second == 0) inbound_per_address_.erase(count);
        inbound_address_.erase(in);
    }
    auto it = by_remote_.find(key(remote));
    if (it != by_remote_.end() && it->second == id) by_remote_.erase(it);
    if (auto a = aliases_.find(id); a != aliases_.end()) {
        for (const auto &k : a->second)
            if (auto r = by_remote_.find(k); r != by_remote_.end() && r->second == id) by_remote_.erase(r);
        aliases_.erase(a);
    }
}

void ConnectionTable::alias(const Endpoint &remote, uint64_t id) {
    std::lock_guard lock{mutex_};
    if (!by_id_.count(id)) return;
    const std::string k = key(remote);
    auto [it, inserted] = by_remote_.emplace(k, id);
    if (!inserted) {
        if (it->second == id) return;
        it->second = id;
    }
    aliases_[id].push_back(k);
}

std::shared_ptr<TcpConnection> ConnectionTable::byId(uint64_t id) const {
    std::lock_guard lock{mutex_};
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second.lock();
}

std::shared_ptr<TcpConnection> ConnectionTable::byRemote(const Endpoint &remote) const {
    std::lock_guard lock{mutex_};
    auto it = by_remote_.find(key(remote));
    if (it == by_remote_.end()) return nullptr;
    auto found = by_id_.find(it->second);
    return found == by_id_.end() ? nullptr : found->second.lock();
}

size_t ConnectionTable::size() const {
    std::lock_guard lock{mutex_};
    return by_id_.size();
}

}  // namespace sipline::transport
