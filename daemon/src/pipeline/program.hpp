// A compiled pipeline: routes made of steps. Built once from the TOML by the compiler and
// immutable afterwards, so every worker runs it without locks.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/diagnostics.hpp"
#include "pipeline/message_context.hpp"

namespace sipline::pipeline {

// What a step tells the route runner to do next.
enum class Flow { Next, Return, Exit };

class Step {
public:
    explicit Step(config::SourceLocation where) : where_{std::move(where)} {}
    virtual ~Step() = default;
    virtual Flow run(MessageContext &ctx) const = 0;
    const config::SourceLocation &where() const noexcept { return where_; }

private:
    config::SourceLocation where_;
};

using Block = std::vector<std::unique_ptr<Step>>;

// Runs steps in order until one returns or exits.
Flow runBlock(const Block &block, MessageContext &ctx);

struct Route {
    std::string name;
    Block steps;
    uint32_t kinds = 0; // SIPLINE_ROUTE_* it runs as (the request/reply roots and their callers)
};

class Program {
public:
    // The two roots, looked up once when added: every message starts at one of them.
    const Route *request() const noexcept { return request_; }
    const Route *reply() const noexcept { return reply_; }
    const Route *find(const std::string &name) const noexcept {
        auto it = routes_.find(name);
        return it == routes_.end() ? nullptr : it->second.get();
    }
    void add(std::unique_ptr<Route> route) {
        Route *added = route.get();
        if (!routes_.emplace(added->name, std::move(route)).second) return;
        if (added->name == "request") request_ = added;
        if (added->name == "reply") reply_ = added;
    }
    const std::map<std::string, std::unique_ptr<Route>> &routes() const noexcept { return routes_; }

    // Runs a root route on a message. Returns false when the message was dropped or the route
    // exited without forwarding (for replies: the reply must not be forwarded).
    void run(const Route &route, MessageContext &ctx) const;

private:
    std::map<std::string, std::unique_ptr<Route>> routes_;
    const Route *request_ = nullptr;
    const Route *reply_ = nullptr;
};

}  // namespace sipline::pipeline
