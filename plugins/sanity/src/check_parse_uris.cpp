// parse_uris (1024): the R-URI, From, To and first Contact URIs parse, per uri_checks.
#include "check_set.hpp"
#include "checks.hpp"
#include "name_addr.hpp"
#include "uri.hpp"

namespace sipline::sanity {
namespace {

// An addr-spec written without <> cannot carry URI headers (RFC 3261 20).
UriHeaders headersAllowedIn(const NameAddr &address) noexcept {
    return address.bracketed ? UriHeaders::Allowed : UriHeaders::Forbidden;
}

bool hasParsableUri(const NameAddr &address) { return parseUri(address.uri, headersAllowedIn(address)).ok(); }

// From or To: absent (or out of the parser's reach) forbids replies; present but broken is 400.
CheckOutcome checkAddressHeader(const CheckInput &in, HeaderKind kind, std::string_view reason) {
    const HeaderField *field = in.progress.found(kind);
    if (field == nullptr) return CheckOutcome::forbidReplies();
    const auto address = parseNameAddr(field->value);
    if (!address || !hasParsableUri(*address)) return CheckOutcome::reply(400, reason);
    return CheckOutcome::pass();
}

CheckOutcome checkContacts(const CheckInput &in) {
    // Kamailio's parse_contact_headers parses the whole message first.
    if (!in.progress.reachesEnd()) return CheckOutcome::reply(400, "Bad Contact Header");
    for (const HeaderField &field : in.fields.fields())
        if (field.kind == HeaderKind::Contact && !parseContactValue(field.value))
            return CheckOutcome::reply(400, "Bad Contact Header");
    const HeaderField *first = in.fields.first(HeaderKind::Contact);
    if (first == nullptr) return CheckOutcome::pass();
    const auto contact = parseContactValue(first->value);
    // Only the first contact of the first field, as Kamailio; "*" has no URI.
    if (!contact->star && !hasParsableUri(contact->contacts.front()))
        return CheckOutcome::reply(400, "Bad Contact URI");
    return CheckOutcome::pass();
}

}  // namespace

CheckOutcome checkParseUris(const CheckInput &in) {
    if ((in.uri_checks & kUriRequest) && in.is_request && !parseUri(in.ruri, UriHeaders::Forbidden).ok())
        return CheckOutcome::reply(400, "Bad Request URI");
    if (in.uri_checks & kUriFrom) {
        if (auto outcome = checkAddressHeader(in, HeaderKind::From, "Invalid From Header"); !outcome.passed)
            return outcome;
    }
    if (in.uri_checks & kUriTo) {
        if (auto outcome = checkAddressHeader(in, HeaderKind::To, "Invalid To Header"); !outcome.passed)
            return outcome;
    }
    if (in.uri_checks & kUriContact) return checkContacts(in);
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
