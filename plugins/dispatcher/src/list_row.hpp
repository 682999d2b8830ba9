// One destination as stored (a list file line or a table row), before it is built into a set.
#pragma once

#include <cstdint>
#include <string>

namespace sipline::dispatcher {

struct ListRow {
    int64_t setid = 0;
    std::string destination;
    uint32_t flags = 0;
    int priority = 0;
    std::string attrs;
    std::string origin; // "file:line" or "table row N", for messages
};

}  // namespace sipline::dispatcher
