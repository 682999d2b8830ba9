// The kinds of step a route is made of. Each knows how to run itself.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "pipeline/call_site.hpp"
#include "pipeline/condition.hpp"
#include "pipeline/program.hpp"
#include "pipeline/template.hpp"
#include "util/log.hpp"

namespace sipline::pipeline {

// call = "plugin.fn": sets $retcode; 0 stops; then the matching outcome block runs.
class CallStep final : public Step {
public:
    CallStep(config::SourceLocation where, std::unique_ptr<CallSite> site)
        : Step{std::move(where)}, site_{std::move(site)} {}
    Flow run(MessageContext &ctx) const override;

    std::map<int32_t, Block> on_code;
    std::optional<Block> on_true, on_false;
    const CallSite &site() const noexcept { return *site_; }

private:
    std::unique_ptr<CallSite> site_;
};

// reply = [code, reason]: sl.send_reply, then the route ends (Kamailio: sl_send_reply; exit).
class ReplyStep final : public Step {
public:
    ReplyStep(config::SourceLocation where, std::unique_ptr<CallSite> site)
        : Step{std::move(where)}, site_{std::move(site)} {}
    Flow run(MessageContext &ctx) const override;
    const CallSite &site() const noexcept { return *site_; }

private:
    std::unique_ptr<CallSite> site_;
};

class IfStep final : public Step {
public:
    IfStep(config::SourceLocation where, Condition condition)
        : Step{std::move(where)}, condition_{std::move(condition)} {}
    Flow run(MessageContext &ctx) const override {
        return runBlock(condition_.evaluate(ctx) ? then_block : else_block, ctx);
    }
    Block then_block, else_block;

private:
    Condition condition_;
};

// do = "forward": stateless forwarding; the route goes on (Kamailio's forward()).
class ForwardStep final : public Step {
public:
    using Step::Step;
    Flow run(MessageContext &ctx) const override;
};

// do = "relay": stateful relay through a transaction (Kamailio's t_relay). $retcode 1 or -1.
class RelayStep final : public Step {
public:
    using Step::Step;
    Flow run(MessageContext &ctx) const override;
};

// do = "on_failure:NAME" / "on_reply:NAME": the route to run when this request's branches
// fail (t_on_failure), or on each reply its branches get (t_on_reply).
class ArmRouteStep final : public Step {
public:
    enum class Kind { Failure, Reply };
    ArmRouteStep(config::SourceLocation where, Kind kind, std::string route)
        : Step{std::move(where)}, kind{kind}, name{std::move(route)} {}
    Flow run(MessageContext &ctx) const override {
        (kind == Kind::Failure ? ctx.failure_route : ctx.branch_reply_route) = target;
        ctx.retcode = 1;
        return Flow::Next;
    }
    Kind kind;
    std::string name;
    const Route *target = nullptr; // linked by the compiler
};

// do = "drop" / "exit": end processing; drop also stops a reply from being forwarded.
class StopStep final : public Step {
public:
    StopStep(config::SourceLocation where, bool drop) : Step{std::move(where)}, drop_{drop} {}
    Flow run(MessageContext &ctx) const override {
        if (drop_) ctx.dropped = true;
        return Flow::Exit;
    }

private:
    bool drop_;
};

// return = N: leave the current route with $retcode = N.
class ReturnStep final : public Step {
public:
    ReturnStep(config::SourceLocation where, int32_t value) : Step{std::move(where)}, value_{value} {}
    Flow run(MessageContext &ctx) const override {
        ctx.retcode = value_;
        return Flow::Return;
    }

private:
    int32_t value_;
};

// route = "NAME": run a named route; its return value becomes $retcode.
class RouteStep final : public Step {
public:
    RouteStep(config::SourceLocation where, std::string name) : Step{std::move(where)}, name{std::move(name)} {}
    Flow run(MessageContext &ctx) const override;
    std::string name;
    const Route *target = nullptr; // resolved once every route is compiled
};

class LogStep final : public Step {
public:
    LogStep(config::SourceLocation where, Template text, log::Level level)
        : Step{std::move(where)}, text_{std::move(text)}, level_{level} {}
    Flow run(MessageContext &ctx) const override;

private:
    Template text_;
    log::Level level_;
};

// set = { "$du" = "sip:...", "$var(x)" = 1 }
class SetStep final : public Step {
public:
    using Step::Step;
    Flow run(MessageContext &ctx) const override;
    struct Assignment {
        std::unique_ptr<PvRef> target;
        std::optional<Template> text; // a string value (may hold variables); "$null" deletes
        Value constant;               // an integer value when text is unset
    };
    std::vector<Assignment> assignments;
};

}  // namespace sipline::pipeline
