// A destination's attribute string ("weight=50;duid=gw1;maxload=20"): the names Kamailio knows,
// parsed once at load; the body is kept as written for scripts ($dsdst(attrs), $dsattr(name)).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipline::dispatcher {

struct Attrs {
    std::string body;       // trailing ';' stripped
    std::string duid;
    int maxload = 0;        // alg 10 active-call cap; 0 = none
    int weight = 0;         // 1..100 (alg 9/15); out of range -> 0
    int rweight = 0;        // 1..100 (alg 11); out of range -> 0
    bool cc = false;        // congestion control (alg 11/13 with latency stats)
    std::string socket, sockname, ping_socket, ping_from, obproxy;
    int latency = 0;        // initial latency estimate, ms
    int ocmin = 0, ocmax = 100, ocrate = 0; // overload control (alg 64)
};

Attrs parseAttrs(std::string_view text);

// The value of one name=value pair of an attribute body; nullopt when absent.
std::optional<std::string_view> attrValue(std::string_view body, std::string_view name) noexcept;

}  // namespace sipline::dispatcher
