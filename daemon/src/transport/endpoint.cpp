#include "transport/endpoint.hpp"

#include <charconv>

#include "sip/header_type.hpp"
#include "transport/address_text.hpp"

namespace sipline::transport {

std::string_view protoName(Proto proto) noexcept { return proto == Proto::Tcp ? "tcp" : "udp"; }
std::string_view protoViaName(Proto proto) noexcept { return proto == Proto::Tcp ? "TCP" : "UDP"; }

std::optional<Proto> protoFromName(std::string_view name) noexcept {
    if (sip::equalsIgnoreCase(name, "udp")) return Proto::Udp;
    if (sip::equalsIgnoreCase(name, "tcp")) return Proto::Tcp;
    return std::nullopt;
}

std::string Endpoint::hostText() const {
    std::string text;
    appendHostText(text, address);
    return text;
}

std::string Endpoint::str() const {
    return std::string{protoName(proto)} + ":" + hostText() + ":" + std::to_string(port);
}

std::optional<Endpoint> parseListenAddress(std::string_view text, std::string *why) {
    auto fail = [&](const char *reason) -> std::optional<Endpoint> {
        if (why) *why = reason;
        return std::nullopt;
    };
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos) return fail("expected proto:address:port");
    auto proto = protoFromName(text.substr(0, colon));
    if (!proto) return fail("protocol must be udp or tcp");
    std::string_view rest = text.substr(colon + 1);
    std::string_view host, port_text;
    if (!rest.empty() && rest.front() == '[') {
        const size_t close = rest.find(']');
        if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
            return fail("expected [ipv6]:port");
        host = rest.substr(1, close - 1);
        port_text = rest.substr(close + 2);
    } else {
        const size_t last = rest.rfind(':');
        if (last == std::string_view::npos) return fail("expected address:port");
        host = rest.substr(0, last);
        port_text = rest.substr(last + 1);
    }
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
        return fail("port must be 1..65535");
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(std::string{host}, error);
    if (error) return fail("address must be an IP literal");
    return Endpoint{*proto, address, static_cast<uint16_t>(port)};
}

}  // namespace sipline::transport
