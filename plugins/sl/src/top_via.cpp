#include "top_via.hpp"

#include "sip_text.hpp"

namespace sipline::sl {

std::optional<TopVia> parseTopVia(std::string_view via_field_value) noexcept {
    const std::string_view via_parm = firstListItem(via_field_value);

    // sent-protocol is "SIP / 2.0 / UDP" (LWS allowed around the slashes): skip two slashes,
    // then the transport token.
    size_t position = 0;
    for (int slash = 0; slash < 2; ++slash) {
        position = via_parm.find('/', position);
        if (position == std::string_view::npos) return std::nullopt;
        ++position;
    }
    position = skipWhitespace(via_parm, position);
    while (position < via_parm.size() && !isWhitespace(via_parm[position]) &&
           via_parm[position] != ';')
        ++position;
    position = skipWhitespace(via_parm, position);

    // sent-by: host [":" port]
    TopVia via;
    const size_t host_start = position;
    if (position < via_parm.size() && via_parm[position] == '[') {
        const size_t close = via_parm.find(']', position);
        if (close == std::string_view::npos) return std::nullopt;
        position = close + 1;
    } else {
        while (position < via_parm.size() && !isWhitespace(via_parm[position]) &&
               via_parm[position] != ':' && via_parm[position] != ';')
            ++position;
    }
    via.host = via_parm.substr(host_start, position - host_start);
    if (via.host.empty()) return std::nullopt;
    position = skipWhitespace(via_parm, position);
    if (position < via_parm.size() && via_parm[position] == ':') {
        position = skipWhitespace(via_parm, position + 1);
        const size_t port_start = position;
        while (position < via_parm.size() && via_parm[position] >= '0' && via_parm[position] <= '9')
            ++position;
        via.port = via_parm.substr(port_start, position - port_start);
    }

    const size_t params_start = via_parm.find(';', position);
    if (params_start != std::string_view::npos) {
        if (const auto branch = findParameter(via_parm.substr(params_start), "branch"))
            via.branch = *branch;
    }
    return via;
}

}  // namespace sipline::sl
