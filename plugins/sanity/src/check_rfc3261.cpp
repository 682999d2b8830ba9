// rfc3261_compliance (32768, Kamailio master): the top Via branch carries RFC 3261's magic
// cookie and every Route / Record-Route URI is a loose router's (";lr"). Stricter than the RFC
// allows for RFC 2543 peers (RFC 4475 wsinv, longreq, inv2543 fail it): silent on failure.
#include "checks.hpp"
#include "name_addr.hpp"
#include "uri.hpp"
#include "via.hpp"

namespace sipline::sanity {
namespace {

constexpr std::string_view kMagicCookie = "z9hG4bK"; // RFC 3261 8.1.1.7

bool everyUriIsLooseRouting(const CheckInput &in, HeaderKind kind) {
    for (const HeaderField &field : in.fields.fields()) {
        if (field.kind != kind) continue;
        const auto routes = parseNameAddrList(field.value);
        if (!routes) return false;
        for (const NameAddr &route : *routes) {
            const UriParse uri = parseUri(route.uri);
            if (!uri.ok() || !uri.uri.hasParam("lr")) return false;
        }
    }
    return true;
}

}  // namespace

CheckOutcome checkRfc3261Compliance(const CheckInput &in) {
    const auto &parsed = in.progress.firstVia();
    if (!parsed || !parsed->first.branch || !parsed->first.branch->starts_with(kMagicCookie))
        return CheckOutcome::silent();
    if (!everyUriIsLooseRouting(in, HeaderKind::Route) || !everyUriIsLooseRouting(in, HeaderKind::RecordRoute))
        return CheckOutcome::silent();
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
