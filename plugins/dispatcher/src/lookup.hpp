// Finding a destination of the current snapshot by set and URI (case-insensitive, as Kamailio
// compares), preferring the remembered array index when duplicates exist.
#pragma once

#include <string_view>
#include <vector>

#include "destination.hpp"

namespace sipline::dispatcher {

bool sameUri(std::string_view a, std::string_view b) noexcept;
Destination *findDestination(const Snapshot &snapshot, int setid, std::string_view uri, int index_hint = -1);
std::vector<Destination *> findAll(const Snapshot &snapshot, int setid, std::string_view uri);

}  // namespace sipline::dispatcher
