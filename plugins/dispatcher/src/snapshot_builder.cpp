#include "snapshot_builder.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>

#include "ds_hash.hpp"

namespace sipline::dispatcher {
namespace {

std::atomic<uint32_t> next_iuid{1};

// "if it does not parse and lacks sip:, sip: is prepended"
std::string normalisedUri(const std::string &text) {
    if (parseSipUri(text)) return text;
    if (text.rfind("sip:", 0) != 0 && text.rfind("sips:", 0) != 0) return "sip:" + text;
    return text;
}

bool samePriority(const DestinationSet &set) {
    if (set.dests.empty() || set.dests.front()->priority <= 0) return false;
    for (const auto &d : set.dests)
        if (d->priority != set.dests.front()->priority) return false;
    return true;
}

std::string stateKey(const Destination &d, int occurrence) {
    return std::to_string(d.setid) + " " + d.uri + " " + std::to_string(occurrence);
}

template <class Fn> void forEachWithOccurrence(const Snapshot &snapshot, Fn &&fn) {
    for (const auto &[id, set] : snapshot.sets) {
        std::map<std::string, int> seen;
        for (const auto &d : set->dests) fn(*d, seen[d->uri]++);
    }
}

}  // namespace

std::vector<std::string> resolveHost(const std::string &host) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *result = nullptr;
    std::vector<std::string> out;
    if (getaddrinfo(host.c_str(), nullptr, &hints, &result) != 0) return out;
    for (addrinfo *a = result; a; a = a->ai_next) {
        char text[NI_MAXHOST];
        if (getnameinfo(a->ai_addr, a->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST) == 0 &&
            std::find(out.begin(), out.end(), text) == out.end())
            out.emplace_back(text);
    }
    freeaddrinfo(result);
    return out;
}

void computeWeightShares(DestinationSet &set) {
    const size_t nr = set.dests.size();
    for (auto &d : set.dests) d->effective_weight = 0;
    if (nr == 0) return;
    if (set.dests.front()->attrs.weight == 0) {
        set.dests.front()->effective_weight = 100; // every slot stays 0
        return;
    }
    int slots = 0;
    for (auto &d : set.dests) {
        const int take = std::min(d->attrs.weight, 100 - slots);
        d->effective_weight = take;
        slots += take;
    }
    set.dests.back()->effective_weight += 100 - slots;
}

BuildResult buildSnapshot(const std::vector<ListRow> &rows, const BuildOptions &options, const Resolver &resolve) {
    BuildResult out;
    auto snapshot = std::make_shared<Snapshot>();
    std::map<int, std::vector<std::shared_ptr<Destination>>> by_set;
    for (const ListRow &row : rows) {
        auto skip = [&](const std::string &why) {
            const std::string text = row.origin + ": destination '" + row.destination + "' " + why;
            if (options.abort_on_bad_destination) out.error = text;
            else out.warnings.push_back(text + "; skipped");
        };
        if (row.setid < 0 || row.setid > INT32_MAX) {
            skip("has a set id outside 0..2147483647");
            if (!out.error.empty()) return out;
            continue;
        }
        auto d = std::make_shared<Destination>();
        d->uri = normalisedUri(row.destination);
        const auto uri = parseSipUri(d->uri);
        if (!uri) {
            skip("is not a SIP URI");
            if (!out.error.empty()) return out;
            continue;
        }
        d->setid = static_cast<int>(row.setid);
        d->priority = row.priority;
        d->attrs = parseAttrs(options.attrs_none && row.attrs.empty() ? std::string{"none=yes"} : row.attrs);
        d->host = std::string{uri->host};
        d->port = uri->port;
        const bool ip = isIpLiteral(uri->host);
        d->transport = defaultTransport(*uri, ip);
        d->flags.store(row.flags & 63);
        d->latency.estimate = d->attrs.latency;
        if (ip) {
            d->addresses.push_back(d->host);
        } else if (!(row.flags & kNoDns)) {
            d->addresses = resolve(d->host);
            if (d->addresses.empty()) {
                skip("has a host that does not resolve");
                if (!out.error.empty()) return out;
                continue;
            }
        }
        d->iuid = next_iuid.fetch_add(1);
        by_set[d->setid].push_back(std::move(d));
    }
    for (auto &[id, list] : by_set) {
        // Kamailio: sorted by ascending priority (ties in file order), copied backwards.
        std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a->priority < b->priority; });
        std::reverse(list.begin(), list.end());
        auto set = std::make_shared<DestinationSet>();
        set->id = id;
        set->dests = std::move(list);
        std::map<std::string, int> seen;
        for (size_t i = 0; i < set->dests.size(); ++i) {
            Destination &d = *set->dests[i];
            d.index = i;
            d.seed = textHash64(d.uri, std::to_string(seen[d.uri]++));
        }
        set->alg14_round_robin = samePriority(*set);
        computeWeightShares(*set);
        for (auto &counters : set->swrr) counters.assign(set->dests.size(), 0);
        snapshot->sets.emplace(id, std::move(set));
    }
    out.snapshot = std::move(snapshot);
    return out;
}

namespace {

// Round robin goes on where it was: at the destination the old pointer named when the set still
// has it, else at the same position. A fresh pointer would restart at index 0 on every reload,
// and frequent reloads would then favour the first destinations.
void carryRoundRobin(const Snapshot &from, Snapshot &to) {
    for (auto &[id, set] : to.sets) {
        DestinationSet *old = from.find(id);
        if (!old || old->dests.empty() || set->dests.empty()) continue;
        std::string next_uri;
        size_t last = 0;
        {
            std::lock_guard lock{old->mutex};
            last = old->last % old->dests.size();
            next_uri = old->dests[last]->uri;
        }
        set->last = last % set->dests.size();
        for (size_t i = 0; i < set->dests.size(); ++i)
            if (set->dests[i]->uri == next_uri) {
                set->last = i;
                break;
            }
    }
}

}  // namespace

void carryStates(const Snapshot &from, Snapshot &to, bool fresh_states, bool keep_latency) {
    std::map<std::string, const Destination *> old;
    forEachWithOccurrence(from, [&](const Destination &d, int n) { old.emplace(stateKey(d, n), &d); });
    forEachWithOccurrence(to, [&](const Destination &d_const, int n) {
        const auto it = old.find(stateKey(d_const, n));
        if (it == old.end()) return;
        auto &d = const_cast<Destination &>(d_const);
        const Destination &previous = *it->second;
        std::scoped_lock lock{d.mutex, previous.mutex};
        if (!fresh_states) {
            d.flags.store(previous.flags.load());
            d.probing_count = previous.probing_count;
            d.oc = previous.oc;
        }
        if (keep_latency) d.latency = previous.latency;
    });
    carryRoundRobin(from, to);
}

}  // namespace sipline::dispatcher
