#include "pipeline/steps.hpp"

namespace sipline::pipeline {

namespace {
constexpr int kMaxRouteDepth = 100;
}

Flow runBlock(const Block &block, MessageContext &ctx) {
    for (const auto &step : block) {
        const Flow flow = step->run(ctx);
        if (flow != Flow::Next) return flow;
    }
    return Flow::Next;
}

void Program::run(const Route &route, MessageContext &ctx) const { runBlock(route.steps, ctx); }

Flow CallStep::run(MessageContext &ctx) const {
    const sipline_rc rc = site_->invoke(ctx);
    ctx.retcode = rc;
    if (rc == SIPLINE_RC_STOP) return Flow::Exit; // Kamailio: 0 ends the script
    if (auto it = on_code.find(rc); it != on_code.end()) return runBlock(it->second, ctx);
    if (rc > 0 && on_true) return runBlock(*on_true, ctx);
    if (rc < 0 && on_false) return runBlock(*on_false, ctx);
    return Flow::Next;
}

Flow ReplyStep::run(MessageContext &ctx) const {
    ctx.retcode = site_->invoke(ctx);
    return Flow::Exit;
}

Flow ForwardStep::run(MessageContext &ctx) const {
    const bool sent = ctx.core && ctx.core->forward(ctx);
    ctx.retcode = sent ? 1 : -1;
    return Flow::Next;
}

Flow RelayStep::run(MessageContext &ctx) const {
    const bool sent = ctx.core && ctx.core->relay(ctx);
    ctx.retcode = sent ? 1 : -1;
    return Flow::Next;
}

Flow RouteStep::run(MessageContext &ctx) const {
    if (ctx.route_depth >= kMaxRouteDepth) {
        log::error("pipeline", where().str(), ": route:", name, " nested more than ", kMaxRouteDepth,
                   " deep; message dropped");
        ctx.dropped = true;
        return Flow::Exit;
    }
    ++ctx.route_depth;
    const Flow flow = runBlock(target->steps, ctx);
    --ctx.route_depth;
    if (flow == Flow::Exit) return Flow::Exit;
    if (flow == Flow::Next) ctx.retcode = 1; // falling off the end returns true, like Kamailio
    return Flow::Next;
}

Flow LogStep::run(MessageContext &ctx) const {
    if (!log::enabled(level_)) return Flow::Next;
    const Value v = text_.evaluate(ctx);
    if (v.kind == Value::Kind::Int) log::line(level_, "route", v.integer);
    else log::line(level_, "route", v.text);
    return Flow::Next;
}

Flow SetStep::run(MessageContext &ctx) const {
    for (const auto &a : assignments) {
        const Value v = a.text ? a.text->evaluate(ctx) : a.constant;
        if (!a.target->set(ctx, v))
            log::warning("pipeline", where().str(), ": could not assign ", a.target->text());
    }
    return Flow::Next;
}

}  // namespace sipline::pipeline
