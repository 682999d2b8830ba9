// dispatcher's metrics: per destination whether it is selectable, its state flags, and its
// keepalive latency, labelled by set and URI (what dispatcher.list shows, for dashboards).
#include "dispatcher_instance.hpp"

namespace sipline::dispatcher {

void DispatcherPlugin::writeMetrics(sdk::MetricsOut &out) {
    const auto current = snapshot();
    for (const auto &[setid, set] : current->sets) {
        const std::string set_label = std::to_string(setid);
        for (const auto &d : set->dests) {
            const uint32_t flags = d->flags.load(std::memory_order_acquire);
            const sdk::Labels labels = {{"set", set_label}, {"uri", d->uri}};
            out.gauge("destination_up", "1 when the destination can be selected (not inactive, not disabled)", labels,
                      isSkipped(flags) ? 0 : 1);
            out.gauge("destination_flags", "State flags: 1 inactive, 2 trying, 4 disabled, 8 probing", labels,
                      flags & kStateBits);
            std::lock_guard lock{d->mutex};
            out.gauge("destination_latency_ms", "Average keepalive round trip in milliseconds", labels,
                      d->latency.average);
        }
    }
}

}  // namespace sipline::dispatcher
