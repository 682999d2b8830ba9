// The Prometheus text page of GET /metrics: the core's counters (requests per method, replies
// per status class, parse errors, drops, TCP connections, open transactions) and every
// plugin's own metrics, each family with its HELP and TYPE once.
#pragma once

#include <string>

#include "core/core_methods.hpp"

namespace sipline::core {

std::string metricsPage(const CoreMethodSources &sources);

}  // namespace sipline::core
