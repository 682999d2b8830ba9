// expires_value (256): the first Expires holds a valid unsigned number.
#include "checks.hpp"
#include "numeric_values.hpp"

namespace sipline::sanity {

CheckOutcome checkExpiresValue(const CheckInput &in) {
    if (!in.progress.reaches({HeaderKind::Expires})) return CheckOutcome::reply(400, "Bad Expires Header");
    const HeaderField *field = in.progress.found(HeaderKind::Expires);
    if (field == nullptr) return CheckOutcome::pass();
    const auto text = expiresText(field->value);
    if (!text) return CheckOutcome::reply(400, "Bad Expires Header");
    if (text->empty()) return CheckOutcome::reply(400, "Missing number in Expires header");
    if (!isValidUintText(*text)) return CheckOutcome::reply(400, "Expires value is illegal");
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
