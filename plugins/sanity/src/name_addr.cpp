#include "name_addr.hpp"

#include <algorithm>

#include "sip_chars.hpp"
#include "text_scanner.hpp"

namespace sipline::sanity {
namespace {

enum class Context { Single, List };

bool isAddrSpecChar(char c, Context context) noexcept {
    if (isLws(c) || c == ';' || c == '<' || c == '>' || c == '"') return false;
    return context == Context::Single || c != ',';
}

// gen-value = token / host / quoted-string; host adds ':' '[' ']' for IPv6 references.
constexpr CharTable kGenValueChars =
    charTable([](char c) { return isTokenChar(c) || c == ':' || c == '[' || c == ']'; });
bool isGenValueChar(char c) noexcept { return kGenValueChars.has(c); }

// *( SEMI generic-param ), counting "tag".
bool parseParams(TextScanner &scanner, NameAddr &out) {
    while (scanner.consumeSeparator(';')) {
        const std::string_view name = scanner.takeToken();
        if (name.empty()) return false;
        if (scanner.consumeSeparator('=')) {
            if (scanner.peek() == '"') {
                if (!scanner.skipQuotedString()) return false;
            } else if (scanner.takeWhile(isGenValueChar).empty()) {
                return false;
            }
        }
        if (equalsIgnoreCase(name, "tag")) ++out.tag_params;
    }
    scanner.skipLws();
    return true;
}

bool parseBracketedUri(TextScanner &scanner, NameAddr &out) {
    if (!scanner.consume('<')) return false;
    const size_t start = scanner.position();
    // The URI runs to the first '>' or '<'. Two memchr searches beat a loop over every byte.
    const std::string_view rest = scanner.rest();
    const size_t close = std::min(rest.find('>'), rest.size());
    scanner.rewind(start + std::min(rest.substr(0, close).find('<'), close));
    out.uri = scanner.slice(start);
    out.bracketed = true;
    return scanner.consume('>') && !out.uri.empty();
}

// display-name = *(token LWS) / quoted-string, always followed by "<" when present.
bool parseElement(TextScanner &scanner, NameAddr &out, Context context) {
    scanner.skipLws();
    const size_t start = scanner.position();
    if (scanner.peek() == '"') {
        if (!scanner.skipQuotedString()) return false;
        out.display_name = scanner.slice(start);
        scanner.skipLws();
        return parseBracketedUri(scanner, out) && parseParams(scanner, out);
    }
    if (scanner.peek() != '<') {
        bool any_token = false;
        while (!scanner.takeToken().empty()) {
            any_token = true;
            scanner.skipLws();
        }
        if (any_token && scanner.peek() == '<') {
            out.display_name = trimLws(scanner.slice(start));
        } else {
            // Not a display name: an addr-spec, whose params belong to the header.
            scanner.rewind(start);
            out.uri = scanner.takeWhile([context](char c) { return isAddrSpecChar(c, context); });
            return !out.uri.empty() && parseParams(scanner, out);
        }
    }
    return parseBracketedUri(scanner, out) && parseParams(scanner, out);
}

}  // namespace

std::optional<NameAddr> parseNameAddr(std::string_view value) {
    TextScanner scanner{value};
    NameAddr out;
    if (!parseElement(scanner, out, Context::Single) || !scanner.atEnd()) return std::nullopt;
    return out;
}

std::optional<std::vector<NameAddr>> parseNameAddrList(std::string_view value) {
    TextScanner scanner{value};
    std::vector<NameAddr> out;
    do {
        NameAddr element;
        if (!parseElement(scanner, element, Context::List)) return std::nullopt;
        out.push_back(element);
    } while (scanner.consumeSeparator(','));
    if (!scanner.atEnd()) return std::nullopt;
    return out;
}

std::optional<ContactValue> parseContactValue(std::string_view value) {
    if (trimLws(value) == "*") return ContactValue{.star = true, .contacts = {}};
    auto contacts = parseNameAddrList(value);
    if (!contacts) return std::nullopt;
    // STAR stands alone (RFC 3261 20.10): "*" inside a list is neither a star nor a URI.
    for (const NameAddr &contact : *contacts)
        if (!contact.bracketed && contact.uri == "*") return std::nullopt;
    return ContactValue{.star = false, .contacts = std::move(*contacts)};
}

}  // namespace sipline::sanity
