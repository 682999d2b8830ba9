// duplicated_tags (4096): From and To carry at most one tag parameter each.
#include "checks.hpp"
#include "name_addr.hpp"

namespace sipline::sanity {

CheckOutcome checkDuplicatedTags(const CheckInput &in) {
    const HeaderField *from = in.progress.found(HeaderKind::From);
    const HeaderField *to = in.progress.found(HeaderKind::To);
    const auto from_address = from ? parseNameAddr(from->value) : std::nullopt;
    const auto to_address = to ? parseNameAddr(to->value) : std::nullopt;
    if (!from_address || !to_address) return CheckOutcome::forbidReplies();
    if (from_address->tag_params > 1) return CheckOutcome::reply(400, "Many From Tag Params");
    if (to_address->tag_params > 1) return CheckOutcome::reply(400, "Many To Tag Params");
    return CheckOutcome::pass();
}

}  // namespace sipline::sanity
