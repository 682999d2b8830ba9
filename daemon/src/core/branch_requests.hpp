// The requests a proxy's client transaction generates itself toward a branch (RFC 3261 9.1 and
// 17.1.1.3): CANCEL for a pending INVITE branch, ACK for a non-2xx final reply to it.
#pragma once

#include <string>

#include "sip/message.hpp"

namespace sipline::core {

// `branch_request` is the INVITE exactly as sent to the branch (our Via on top).
std::string buildCancel(const sip::Message &branch_request);
// The ACK takes the To (with its tag) of the reply it acknowledges.
std::string buildAck(const sip::Message &branch_request, const sip::Message &reply);

}  // namespace sipline::core
