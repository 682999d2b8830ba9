// Replies the core itself sends while relaying statefully: 100 Trying, 200 to a CANCEL, 408
// when no branch answered, 503 when the transaction table is full (RFC 3261 8.2.6).
#pragma once

#include <string>
#include <string_view>

#include "sip/message.hpp"

namespace sipline::core {

// Via, From, To, Call-ID and CSeq copied from the request; To gets `to_tag` when it has none
// and the code is above 100; Content-Length: 0. `extra` is inserted as-is (header lines).
std::string buildLocalReply(const sip::Message &request, int code, std::string_view reason,
                            std::string_view to_tag, std::string_view extra = {});

}  // namespace sipline::core
