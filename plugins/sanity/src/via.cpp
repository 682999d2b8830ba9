#include "via.hpp"

#include "sip_chars.hpp"
#include "text_scanner.hpp"

namespace sipline::sanity {
namespace {

constexpr size_t kMaxPortDigits = 5;
constexpr unsigned kMaxPort = 65535;

constexpr CharTable kHostChars = charTable([](char c) { return isAlnum(c) || c == '-' || c == '.' || c == '_'; });
constexpr CharTable kIpv6Chars = charTable([](char c) { return isHex(c) || c == ':' || c == '.'; });
constexpr CharTable kGenValueChars =
    charTable([](char c) { return isTokenChar(c) || c == ':' || c == '[' || c == ']'; });

bool isHostChar(char c) noexcept { return kHostChars.has(c); }
bool isIpv6Char(char c) noexcept { return kIpv6Chars.has(c); }
bool isGenValueChar(char c) noexcept { return kGenValueChars.has(c); }

bool parsePort(std::string_view port) noexcept {
    if (port.empty() || port.size() > kMaxPortDigits) return false;
    unsigned value = 0;
    for (const char c : port) value = value * 10 + static_cast<unsigned>(c - '0');
    return value <= kMaxPort;
}

// sent-by = host [ COLON port ]
bool parseSentBy(TextScanner &scanner, ViaParm &out) {
    const size_t start = scanner.position();
    if (scanner.consume('[')) {
        if (scanner.takeWhile(isIpv6Char).empty() || !scanner.consume(']')) return false;
        out.host = scanner.slice(start);
    } else {
        out.host = scanner.takeWhile(isHostChar);
        if (out.host.empty()) return false;
    }
    if (scanner.consumeSeparator(':')) {
        out.port = scanner.takeWhile(isDigit);
        if (!parsePort(out.port)) return false;
    }
    return true;
}

// *( SEMI via-params ); via-params = token [ EQUAL gen-value ] (ttl, maddr, received, branch)
bool parseParams(TextScanner &scanner, ViaParm &out) {
    while (scanner.consumeSeparator(';')) {
        const std::string_view name = scanner.takeToken();
        if (name.empty()) return false;
        std::string_view value;
        if (scanner.consumeSeparator('=')) {
            const size_t start = scanner.position();
            if (scanner.peek() == '"') {
                if (!scanner.skipQuotedString()) return false;
            } else if (scanner.takeWhile(isGenValueChar).empty()) {
                return false;
            }
            value = scanner.slice(start);
        }
        if (equalsIgnoreCase(name, "branch") && !out.branch) out.branch = value;
    }
    return true;
}

// via-parm = sent-protocol LWS sent-by *( SEMI via-params )
bool parseViaParm(TextScanner &scanner, ViaParm &out) {
    scanner.skipLws();
    out.protocol = scanner.takeToken();
    if (out.protocol.empty() || !scanner.consumeSeparator('/')) return false;
    out.version = scanner.takeToken();
    if (out.version.empty() || !scanner.consumeSeparator('/')) return false;
    out.transport = scanner.takeToken();
    if (out.transport.empty()) return false;
    const size_t before_gap = scanner.position();
    scanner.skipLws();
    if (scanner.position() == before_gap) return false; // LWS is mandatory before sent-by
    return parseSentBy(scanner, out) && parseParams(scanner, out);
}

}  // namespace

std::optional<ViaValue> parseVia(std::string_view value) {
    TextScanner scanner{value};
    std::optional<ViaValue> out{std::in_place};
    // The first via-parm straight into the result; the others only need to parse.
    if (!parseViaParm(scanner, out->first)) return std::nullopt;
    out->parm_count = 1;
    while (scanner.consumeSeparator(',')) {
        ViaParm other;
        if (!parseViaParm(scanner, other)) return std::nullopt;
        ++out->parm_count;
    }
    scanner.skipLws();
    if (!scanner.atEnd()) return std::nullopt;
    return out;
}

}  // namespace sipline::sanity
