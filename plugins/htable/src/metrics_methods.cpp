// htable's metrics: live items and slots per table (Kamailio's htable.stats, as gauges).
#include "htable_instance.hpp"

namespace sipline::htable {

void HtablePlugin::writeMetrics(sdk::MetricsOut &out) {
    const Seconds current = now();
    for (const HashTable *table : tables().inOrder()) {
        const std::string &name = table->spec().name;
        out.gauge("items", "Live (unexpired) items in the table", {{"table", name}},
                  static_cast<double>(table->countIf([](const Cell &) { return true; }, current)));
        out.gauge("slots", "Slots of the table (2^size)", {{"table", name}}, static_cast<double>(table->slotCount()));
    }
}

}  // namespace sipline::htable
