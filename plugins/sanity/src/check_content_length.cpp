// content_length (128): the Content-Length parses and matches the body.
#include "checks.hpp"
#include "numeric_values.hpp"

namespace sipline::sanity {

CheckOutcome checkContentLength(const CheckInput &in) {
    if (!in.progress.reaches({HeaderKind::ContentLength}))
        return CheckOutcome::reply(400, "Content-Length Failure");
    const HeaderField *field = in.progress.found(HeaderKind::ContentLength);
    if (field == nullptr) return CheckOutcome::pass(); // optional over UDP (RFC 3261 20.14)
    // Kamailio's get_body needs every header parsed and the empty line found.
    if (!in.progress.reachesEnd() || !in.fields.hasBodySeparator())
        return CheckOutcome::reply(400, "Content-Length Body Failure");
    const auto declared = parseContentLength(field->value);
    // The body is the one the core framed: a datagram's bytes beyond Content-Length were
    // already discarded (RFC 3261 18.3), so only a body shorter than declared can differ.
    if (!declared || *declared != in.body.size()) return CheckOutcome::reply(400, "Content-Length mis-match");
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
