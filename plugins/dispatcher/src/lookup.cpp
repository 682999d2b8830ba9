#include "lookup.hpp"

#include <cctype>

namespace sipline::dispatcher {

bool sameUri(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

Destination *findDestination(const Snapshot &snapshot, int setid, std::string_view uri, int index_hint) {
    const DestinationSet *set = snapshot.find(setid);
    if (!set) return nullptr;
    if (index_hint >= 0 && static_cast<size_t>(index_hint) < set->dests.size() &&
        sameUri(set->dests[index_hint]->uri, uri))
        return set->dests[index_hint].get();
    for (const auto &d : set->dests)
        if (sameUri(d->uri, uri)) return d.get();
    return nullptr;
}

std::vector<Destination *> findAll(const Snapshot &snapshot, int setid, std::string_view uri) {
    std::vector<Destination *> out;
    if (const DestinationSet *set = snapshot.find(setid))
        for (const auto &d : set->dests)
            if (sameUri(d->uri, uri)) out.push_back(d.get());
    return out;
}

}  // namespace sipline::dispatcher
