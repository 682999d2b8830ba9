// Via via-parm parsing (RFC 3261 20.42, grammar in 25.1): LWS is allowed around '/', ':'
// and the parameters' ';' and '=', including folds, as torture test wsinv shows.
#include "via.hpp"

#include "header_type.hpp"
#include "host_port.hpp"
#include "param_list.hpp"
#include "sip_chars.hpp"

namespace sipline::sip {
namespace {

size_t scanToken(std::string_view text, size_t pos) noexcept {
    while (pos < text.size() && chars::isTokenChar(text[pos])) ++pos;
    return pos;
}

// Reads a token at pos into `out`, then skips LWS. False when there is no token.
bool readToken(std::string_view text, size_t &pos, std::string_view &out) noexcept {
    const size_t end = scanToken(text, pos);
    if (end == pos) return false;
    out = text.substr(pos, end - pos);
    pos = chars::skipLws(text, end);
    return true;
}

bool readSlash(std::string_view text, size_t &pos) noexcept {
    if (pos >= text.size() || text[pos] != '/') return false;
    pos = chars::skipLws(text, pos + 1);
    return true;
}

// sent-protocol = protocol-name SLASH protocol-version SLASH transport
bool readSentProtocol(std::string_view text, size_t &pos, Via &via) noexcept {
    constexpr std::string_view kUsual = "SIP/2.0/";
    if (text.substr(pos, kUsual.size()) == kUsual) {
        // As nearly every Via writes it: the same result as the token-by-token reading below.
        via.protocol = text.substr(pos, 3);
        via.version = text.substr(pos + 4, 3);
        pos = chars::skipLws(text, pos + kUsual.size());
    } else {
        if (!readToken(text, pos, via.protocol) || !readSlash(text, pos)) return false;
        if (!readToken(text, pos, via.version) || !readSlash(text, pos)) return false;
    }
    const size_t transport_begin = pos;
    if (!readToken(text, pos, via.transport)) return false;
    // LWS must separate the transport from sent-by.
    return pos > transport_begin + via.transport.size();
}

// sent-by = host [ COLON port ]
bool readSentBy(std::string_view text, size_t &pos, Via &via) noexcept {
    const size_t host_end = scanHost(text, pos);
    if (host_end == std::string_view::npos) return false;
    via.host = text.substr(pos, host_end - pos);
    pos = chars::skipLws(text, host_end);
    if (pos < text.size() && text[pos] == ':') {
        const size_t port_begin = chars::skipLws(text, pos + 1);
        size_t port_end = port_begin;
        while (port_end < text.size() && chars::isDigit(text[port_end])) ++port_end;
        via.port_text = text.substr(port_begin, port_end - port_begin);
        const auto port = parsePort(via.port_text);
        if (!port) return false;
        via.port = *port;
        pos = chars::skipLws(text, port_end);
    }
    return true;
}

// The parameters the core reads, found in the same single pass that checks the list is
// well formed (every Via of every message goes through here). The first of each name wins.
bool readParams(Via &via) noexcept {
    bool well_formed = true;
    forEachParam(via.params, [&](const Param &param) {
        if (!isWellFormedParam(param)) {
            well_formed = false;
            return;
        }
        std::optional<std::string_view> *slot = nullptr;
        switch (param.name.size()) {
        case 5:
            if (equalsIgnoreCase(param.name, "rport")) slot = &via.rport;
            else if (equalsIgnoreCase(param.name, "maddr")) slot = &via.maddr;
            break;
        case 6:
            if (equalsIgnoreCase(param.name, "branch")) slot = &via.branch;
            break;
        case 8:
            if (equalsIgnoreCase(param.name, "received")) slot = &via.received;
            break;
        }
        if (slot && !*slot) *slot = param.value.value_or(std::string_view{});
    });
    return well_formed;
}

}  // namespace

std::optional<std::string_view> Via::param(std::string_view name) const noexcept {
    return findParam(params, name);
}

std::optional<Via> parseVia(std::string_view text) noexcept {
    Via via;
    via.text = chars::trimLws(text);
    const std::string_view body = via.text;
    size_t pos = 0;
    if (!readSentProtocol(body, pos, via) || !readSentBy(body, pos, via)) return std::nullopt;
    if (pos == body.size()) return via;
    if (body[pos] != ';') return std::nullopt;

    via.params = chars::trimLws(body.substr(pos + 1));
    if (!readParams(via)) return std::nullopt;
    return via;
}

}  // namespace sipline::sip
