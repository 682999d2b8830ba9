// Reads, through the host, what a stateless reply needs from the request.
#pragma once

#include <string_view>

#include <sipline/sdk/cpp/message.hpp>

#include "reply_builder.hpp"
#include "top_via.hpp"

namespace sipline::sl {

// Every Via and Record-Route field and the first From, To, Call-ID and CSeq. The views point
// into the received message and live until the run ends.
ReplyRequest readReplyRequest(const sdk::Message &msg);

// What the To-tag hashes: the top Via (first via-parm of the first Via field) and the Call-ID.
struct TransactionIdentity {
    TopVia top_via;
    std::string_view call_id;
};
TransactionIdentity readTransactionIdentity(const sdk::Message &msg);
// The same from fields already read: the first Via field and the Call-ID.
TransactionIdentity transactionIdentityOf(std::string_view first_via_field, std::string_view call_id);

}  // namespace sipline::sl
