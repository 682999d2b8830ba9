// htable's metrics: live items and slots per table (Kamailio's htable.stats, as gauges), and
// for a replicated table whether it is in sync with Redis and what went through it (the
// counters of htable.stats' "replicated", for alerting on a node that lost its cluster).
#include "htable_instance.hpp"

namespace sipline::htable {

void HtablePlugin::writeMetrics(sdk::MetricsOut &out) {
    const Seconds current = now();
    for (const HashTable *table : tables().inOrder()) {
        const std::string &name = table->spec().name;
        out.gauge("items", "Live (unexpired) items in the table", {{"table", name}},
                  static_cast<double>(table->countIf([](const Cell &) { return true; }, current)));
        out.gauge("slots", "Slots of the table (2^size)", {{"table", name}}, static_cast<double>(table->slotCount()));
        const Replicator *replicator = replicatorOf(table);
        if (replicator == nullptr) continue;
        const ReplicationCounters counters = replicator->counters(table);
        const sdk::Labels labels{{"table", name}};
        out.gauge("replication_synced", "1 while the table is in sync with Redis (state \"synced\")", labels,
                  replicator->state() == ReplicationState::Synced ? 1 : 0);
        out.counter("replication_published_total", "Local changes written to Redis", labels,
                    static_cast<double>(counters.published));
        out.counter("replication_applied_total", "Changes from other nodes applied here", labels,
                    static_cast<double>(counters.applied));
        out.counter("replication_resyncs_total", "Snapshots loaded (first connect and every reconnect)", labels,
                    static_cast<double>(counters.resyncs));
        out.counter("replication_dropped_total", "Changes lost while Redis was away and the backlog was full",
                    labels, static_cast<double>(counters.dropped));
        out.gauge("replication_backlog", "Changes waiting to be written to Redis (all tables of that server)",
                  labels, static_cast<double>(replicator->backlog()));
    }
}

}  // namespace sipline::htable
