#include "list_json.hpp"

#include <chrono>
#include <cmath>

namespace sipline::dispatcher {
namespace {

using nlohmann::ordered_json;

int protoId(Transport t) noexcept {
    // Kamailio's PROTO_* numbers.
    switch (t) {
    case Transport::Udp: return 1;
    case Transport::Tcp: return 2;
    case Transport::Tls: return 3;
    case Transport::Sctp: return 4;
    case Transport::Ws: return 5;
    case Transport::Wss: return 6;
    case Transport::Any: break;
    }
    return 0;
}

ordered_json attrsJson(const Destination &d) {
    const Attrs &a = d.attrs;
    ordered_json out;
    out["BODY"] = a.body;
    out["DUID"] = a.duid;
    {
        std::lock_guard lock{d.mutex};
        out["PROBING_COUNT"] = d.probing_count;
    }
    out["MAXLOAD"] = a.maxload;
    out["WEIGHT"] = a.weight;
    out["RWEIGHT"] = a.rweight;
    out["SOCKET"] = a.socket;
    out["SOCKNAME"] = a.sockname;
    out["PING_SOCKET"] = a.ping_socket;
    out["OBPROXY"] = a.obproxy;
    out["OCMIN"] = a.ocmin;
    out["OCMAX"] = a.ocmax;
    return out;
}

ordered_json destJson(const Destination &d, const ListOptions &options) {
    ordered_json dest;
    dest["IDX"] = d.index;
    dest["URI"] = d.uri;
    dest["FLAGS"] = flagLetters(d.flags.load(std::memory_order_acquire));
    dest["PRIORITY"] = d.priority;
    dest["IUID"] = std::to_string(d.iuid);
    if (options.detail == ListDetail::Full) {
        std::lock_guard lock{d.mutex};
        dest["HOST"] = d.host;
        dest["IPADDR"] = d.addresses.empty() ? std::string{} : d.addresses.front();
        dest["PORT"] = d.port;
        dest["PROTOID"] = protoId(d.transport);
        dest["DNSTIME_SEC"] = 0;
        dest["DNSTIME_USEC"] = 0;
        dest["OCRATE"] = d.oc.rate;
        dest["OCIDX"] = d.oc.index;
        dest["OCSEQ"] = d.oc.sequence;
        const auto left = d.oc.until - std::chrono::steady_clock::now();
        const auto usec = left.count() > 0 ? std::chrono::duration_cast<std::chrono::microseconds>(left).count() : 0;
        dest["OCTIME_SEC"] = usec / 1000000;
        dest["OCTIME_USEC"] = usec % 1000000;
    }
    if (options.detail == ListDetail::Full || (options.detail == ListDetail::Normal && !d.attrs.body.empty()))
        dest["ATTRS"] = attrsJson(d);
    if (options.latency_stats) {
        std::lock_guard lock{d.mutex};
        dest["LATENCY"] = ordered_json{{"AVG", std::round(d.latency.average * 1000) / 1000},
                                       {"STD", std::round(d.latency.stdev() * 1000) / 1000},
                                       {"EST", std::round(d.latency.estimate * 1000) / 1000},
                                       {"MAX", d.latency.max},
                                       {"TIMEOUT", d.latency.timeouts}};
    }
    if (options.call_load) dest["RUNTIME"] = ordered_json{{"DLGLOAD", options.load_of ? options.load_of(d) : 0}};
    return dest;
}

}  // namespace

ordered_json listJson(const Snapshot &snapshot, const ListOptions &options) {
    ordered_json records = ordered_json::array();
    for (const auto &[id, set] : snapshot.sets) {
        ordered_json targets = ordered_json::array();
        for (const auto &d : set->dests) targets.push_back(ordered_json{{"DEST", destJson(*d, options)}});
        records.push_back(ordered_json{{"SET", ordered_json{{"ID", id}, {"TARGETS", std::move(targets)}}}});
    }
    ordered_json out;
    out["NRSETS"] = snapshot.sets.size();
    out["RECORDS"] = std::move(records);
    return out;
}

}  // namespace sipline::dispatcher
