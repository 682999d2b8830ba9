// Keepalive probing (Kamailio's ds_ping_set / ds_options_callback): every ping_interval the
// destinations probing_mode selects get a request through the daemon's send_request; the
// final status (408 when none came in time) moves their state through the thresholds.
#include <chrono>

#include "dispatcher_instance.hpp"

namespace sipline::dispatcher {

using Clock = std::chrono::steady_clock;

// What travels with one keepalive to its reply callback.
struct PingContext {
    std::shared_ptr<DispatcherPlugin::ProbeGate> gate;
    std::shared_ptr<Destination> destination;
    Clock::time_point sent;

    static void onReply(void *data, int32_t status, sipline_str_t reply) noexcept {
        std::unique_ptr<PingContext> self{static_cast<PingContext *>(data)};
        try {
            std::lock_guard lock{self->gate->mutex};
            // Status 0: the daemon is stopping and gave up on it; only the context is freed.
            if (self->gate->plugin && status != 0)
                self->gate->plugin->onPingReply(self->destination, status, reply.len > 0, self->sent);
        } catch (...) {
            // Nothing may cross the C boundary; a lost keepalive result is retried next round.
        }
    }
};

namespace {

// 1.6.6: which destinations get a keepalive in each probing mode.
bool wantsPing(uint32_t flags, int mode) noexcept {
    if (flags & (kDisabled | kNoPing | kNoDns)) return false;
    if (mode == 1) return true;
    if (mode == 2) return (flags & kProbing) && (flags & kInactive);
    return (flags & kProbing) != 0;
}

}  // namespace

void DispatcherPlugin::pingRound() {
    if (!ping_active_.load(std::memory_order_relaxed)) return;
    const sipline_host_t *h = host().raw();
    const auto current = snapshot();
    for (const auto &[id, set] : current->sets) {
        for (const auto &d : set->dests) {
            if (!wantsPing(d->flags.load(std::memory_order_acquire), config_.probing_mode)) continue;
            const std::string &from = d->attrs.ping_from.empty() ? config_.ping_from : d->attrs.ping_from;
            const std::string &proxy = d->attrs.obproxy.empty() ? config_.outbound_proxy : d->attrs.obproxy;
            sipline_request_t request{};
            request.struct_size = sizeof request;
            request.method = sdk::str(config_.ping_method);
            request.request_uri = sdk::str(d->uri);
            request.destination = sdk::str(proxy);
            request.from_uri = sdk::str(from);
            request.to_uri = sdk::str(d->uri);
            request.timeout_ms = static_cast<uint32_t>(config_.ping_timeout.count());
            auto context = std::make_unique<PingContext>(PingContext{probe_gate_, d, Clock::now()});
            if (h->send_request(h, &request, &PingContext::onReply, context.get()) == SIPLINE_OK) {
                context.release(); // the callback owns it now
            } else {
                // Kamailio: a keepalive that cannot be sent counts as a failure (code 500).
                onPingReply(d, 500, false, context->sent);
            }
        }
    }
}

void DispatcherPlugin::onPingReply(const std::shared_ptr<Destination> &d, int status, bool replied,
                                   Clock::time_point sent) {
    const uint32_t flags = d->flags.load(std::memory_order_acquire);
    if (flags & kDisabled) return;                                  // disabled meanwhile: ignored
    if (config_.probing_mode == 3 && !(flags & kProbing)) return;   // probing removed meanwhile
    if (config_.latency_stats) {
        std::lock_guard lock{d->mutex};
        if (status == 408 && !replied) ++d->latency.timeouts;
        else
            d->latency.add(static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - sent).count()),
                           config_.latency_alpha);
    }
    const bool alive = config_.ping_reply_codes.accepts(status);
    uint32_t state = 0;
    if (alive) {
        if (config_.probing_mode == 1 || (config_.probing_mode == 3 && (flags & kProbing))) state |= kProbing;
    } else {
        state = kTrying | (config_.probing_mode != 0 ? kProbing : 0);
    }
    const std::string why = alive ? "keepalive answered " + std::to_string(status)
                                  : (replied ? "keepalive answered " + std::to_string(status)
                                             : status == 408 ? std::string{"keepalive timed out"}
                                                             : "keepalive could not be sent");
    applyState(*d, state, StateSource::Probe, why);
}

}  // namespace sipline::dispatcher
