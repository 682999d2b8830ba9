#include "header_parse_progress.hpp"

#include "cseq.hpp"
#include "name_addr.hpp"
#include "numeric_values.hpp"
#include "via.hpp"

namespace sipline::sanity {

bool parsesOnSight(const HeaderField &field) {
    if (!field.well_formed) return false;
    switch (field.kind) {
    case HeaderKind::Via: return parseVia(field.value).has_value();
    case HeaderKind::CSeq: return parseCSeq(field.value).has_value();
    case HeaderKind::To: return parseNameAddr(field.value).has_value();
    case HeaderKind::ContentLength: return parseContentLength(field.value).has_value();
    case HeaderKind::RetryAfter: return isParsableRetryAfter(field.value);
    default: return true;
    }
}

HeaderParseProgress::HeaderParseProgress(const MessageFields &fields) : fields_{fields} {
    const auto &all = fields.fields();
    for (size_t i = 0; i < all.size(); ++i) {
        if (!parsesOnSightCached(all[i])) {
            first_failing_ = i;
            break;
        }
        seen_before_failing_.add(all[i].kind);
    }
}

bool HeaderParseProgress::parsesOnSightCached(const HeaderField &field) const {
    if (field.kind == HeaderKind::Via && &field == fields_.first(HeaderKind::Via)) return firstVia().has_value();
    if (field.kind == HeaderKind::CSeq && &field == fields_.first(HeaderKind::CSeq)) return firstCSeq().has_value();
    return parsesOnSight(field);
}

}  // namespace sipline::sanity
