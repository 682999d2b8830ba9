// What every worker shares, read-only while traffic flows: the compiled pipeline, the plugins,
// the listen addresses, limits, the TCP connection table and the resolver.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "config/config.hpp"
#include "core/resolver.hpp"
#include "pipeline/program.hpp"
#include "plugins/registry.hpp"
#include "transport/connection_table.hpp"
#include "transport/tcp_connection.hpp"

namespace sipline::core {

class LocalRequests;
class StatefulRelay;

struct Runtime {
    // Swapped by a config reload: each message loads it once and runs that program to the end.
    std::atomic<const pipeline::Program *> program = nullptr;
    const pipeline::Program &currentProgram() const { return *program.load(std::memory_order_acquire); }
    const plugins::PluginRegistry *plugins = nullptr;
    std::vector<transport::Endpoint> listen;
    size_t max_message_bytes = 65535;
    transport::TcpLimits tcp_limits;
    config::OverloadConfig overload;
    transport::ConnectionTable *connections = nullptr;
    Resolver *resolver = nullptr;
    LocalRequests *local_requests = nullptr; // requests plugins originate (may be null in tests)
    StatefulRelay *relay = nullptr;          // transactions (may be null in tests: relay = forward)
};

}  // namespace sipline::core
