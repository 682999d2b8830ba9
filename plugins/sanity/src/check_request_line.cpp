// ruri_sip_version (1) and ruri_scheme (2): the Request-Line. Replies have none: they pass.
#include "checks.hpp"
#include "uri.hpp"

namespace sipline::sanity {

CheckOutcome checkRuriSipVersion(const CheckInput &in) {
    if (!in.is_request) return CheckOutcome::pass();
    const std::string_view version = in.fields.startLine().version;
    if (version.empty()) return CheckOutcome::pass(); // Kamailio checks only a version it found
    const size_t slash = version.find('/');
    if (slash == std::string_view::npos) return CheckOutcome::silent();
    if (version.substr(slash + 1) != "2.0") return CheckOutcome::reply(505, "Version Not Supported (R-URI)");
    return CheckOutcome::pass();
}

CheckOutcome checkRuriScheme(const CheckInput &in) {
    if (!in.is_request) return CheckOutcome::pass();
    switch (parseUri(in.ruri, UriHeaders::Forbidden).status) {
    case UriParse::Status::Ok: return CheckOutcome::pass();
    case UriParse::Status::UnsupportedScheme:
        return CheckOutcome::reply(416, "Unsupported URI Scheme in Request URI");
    case UriParse::Status::Malformed: break;
    }
    return CheckOutcome::reply(400, "Bad Request URI");
}

}  // namespace sipline::sanity
