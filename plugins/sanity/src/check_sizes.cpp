// sizes (65536, Kamailio master): the message, its parts and its URIs stay within the size_*
// limits (0 skips a limit). Every failure is silent: an oversized message is simply refused.
#include "checks.hpp"
#include "cseq.hpp"
#include "name_addr.hpp"

namespace sipline::sanity {
namespace {

bool exceeds(size_t size, uint32_t limit) noexcept { return limit != 0 && size > limit; }

// From / To: missing or unparsable fails too, as in Kamailio.
bool addressFits(const CheckInput &in, HeaderKind kind, uint32_t limit) {
    if (limit == 0) return true;
    const HeaderField *field = in.progress.found(kind);
    const auto address = field ? parseNameAddr(field->value) : std::nullopt;
    return address && !exceeds(address->uri.size(), limit);
}

// Every URI of every field of a list kind (Contact, Route, Record-Route, Path, PAI).
bool listFits(const CheckInput &in, HeaderKind kind, uint32_t limit) {
    if (limit == 0) return true;
    for (const HeaderField &field : in.fields.fields()) {
        if (field.kind != kind) continue;
        if (kind == HeaderKind::Contact) {
            const auto contact = parseContactValue(field.value);
            if (!contact) return false;
            for (const NameAddr &address : contact->contacts)
                if (exceeds(address.uri.size(), limit)) return false;
            continue;
        }
        const auto addresses = parseNameAddrList(field.value);
        if (!addresses) return false;
        for (const NameAddr &address : *addresses)
            if (exceeds(address.uri.size(), limit)) return false;
    }
    return true;
}

std::string_view methodOf(const CheckInput &in) {
    if (in.is_request) return in.fields.startLine().method;
    if (in.progress.found(HeaderKind::CSeq) == nullptr) return {};
    const auto &parsed = in.progress.firstCSeq(); // the first CSeq, the one found
    return parsed ? parsed->method : std::string_view{};
}

}  // namespace

CheckOutcome checkSizes(const CheckInput &in) {
    const SizeLimits &limit = in.config.sizes;
    if (exceeds(in.fields.raw().size(), limit.message)) return CheckOutcome::silent();
    if (in.is_request && exceeds(in.ruri.size(), limit.ruri)) return CheckOutcome::silent();
    if (!in.progress.reachesEnd()) return CheckOutcome::silent();
    if (exceeds(methodOf(in).size(), limit.method)) return CheckOutcome::silent();
    for (const HeaderField &field : in.fields.fields())
        if (exceeds(field.whole.size(), limit.header)) return CheckOutcome::silent();
    if (!addressFits(in, HeaderKind::From, limit.from_uri)) return CheckOutcome::silent();
    if (!addressFits(in, HeaderKind::To, limit.to_uri)) return CheckOutcome::silent();
    if (exceeds(in.body.size(), limit.body)) return CheckOutcome::silent();
    if (exceeds(in.fields.headerBlock().size(), limit.headers)) return CheckOutcome::silent();
    if (!listFits(in, HeaderKind::Contact, limit.contact_uri)) return CheckOutcome::silent();
    if (!listFits(in, HeaderKind::Route, limit.route_uri) || !listFits(in, HeaderKind::RecordRoute, limit.route_uri))
        return CheckOutcome::silent();
    if (!listFits(in, HeaderKind::Path, limit.path_uri)) return CheckOutcome::silent();
    if (!listFits(in, HeaderKind::PAssertedIdentity, limit.pai_uri)) return CheckOutcome::silent();
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
