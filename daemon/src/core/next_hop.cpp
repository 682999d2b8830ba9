#include "core/next_hop.hpp"

#include <charconv>

#include "sip/header_type.hpp"
#include "sip/uri.hpp"

namespace sipline::core {
namespace {

std::string stripBrackets(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    return std::string{host};
}

std::optional<uint16_t> portOf(std::string_view text) {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port == 0 || port > 65535) return std::nullopt;
    return static_cast<uint16_t>(port);
}

}  // namespace

std::optional<NextHop> nextHopForUri(std::string_view text, std::string *why) {
    auto uri = sip::parseUri(text);
    if (!uri) {
        if (why) *why = "cannot parse destination URI '" + std::string{text} + "'";
        return std::nullopt;
    }
    if (uri->scheme_kind != sip::UriScheme::Sip) {
        if (why) *why = "cannot forward to '" + std::string{text} + "': only sip: URIs over UDP or TCP";
        return std::nullopt;
    }
    NextHop hop;
    hop.host = stripBrackets(uri->host);
    hop.port = uri->port ? uri->port : 5060;
    if (auto transport = uri->param("transport")) {
        auto proto = transport::protoFromName(*transport);
        if (!proto) {
            if (why) *why = "unsupported transport '" + std::string{*transport} + "' in '" + std::string{text} + "'";
            return std::nullopt;
        }
        hop.proto = *proto;
    }
    return hop;
}

std::optional<NextHop> nextHopForVia(const sip::Via &via, std::string *why) {
    NextHop hop;
    auto proto = transport::protoFromName(via.transport);
    if (!proto) {
        if (why) *why = "unsupported Via transport '" + std::string{via.transport} + "'";
        return std::nullopt;
    }
    hop.proto = *proto;
    hop.host = stripBrackets(via.received && !via.received->empty() ? *via.received : via.host);
    hop.port = via.port ? via.port : 5060;
    if (via.rport && !via.rport->empty()) {
        auto port = portOf(*via.rport);
        if (!port) {
            if (why) *why = "bad rport in Via";
            return std::nullopt;
        }
        hop.port = *port;
    }
    return hop;
}

}  // namespace sipline::core
