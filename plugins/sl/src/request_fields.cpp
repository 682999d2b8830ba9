#include "request_fields.hpp"

#include "sip_text.hpp"

namespace sipline::sl {
namespace {

std::vector<std::string_view> allFields(const sdk::Message &msg, std::string_view name) {
    std::vector<std::string_view> fields;
    for (uint32_t nth = 0;; ++nth) {
        const auto value = msg.header(name, nth);
        if (!value) return fields;
        fields.push_back(*value);
    }
}

}  // namespace

ReplyRequest readReplyRequest(const sdk::Message &msg) {
    return {
        .vias = allFields(msg, "Via"),
        .record_routes = allFields(msg, "Record-Route"),
        .from = msg.header("From"),
        .to = msg.header("To"),
        .call_id = msg.header("Call-ID"),
        .cseq = msg.header("CSeq"),
    };
}

TransactionIdentity readTransactionIdentity(const sdk::Message &msg) {
    return transactionIdentityOf(msg.header("Via").value_or(std::string_view{}), msg.header("Call-ID").value_or(""));
}

TransactionIdentity transactionIdentityOf(std::string_view via, std::string_view call_id) {
    TransactionIdentity identity{.top_via = {}, .call_id = call_id};
    if (const auto parsed = parseTopVia(via)) {
        identity.top_via = *parsed;
    } else {
        // Still deterministic for a Via we cannot take apart: hash its whole first entry.
        identity.top_via.host = firstListItem(via);
    }
    return identity;
}

}  // namespace sipline::sl
