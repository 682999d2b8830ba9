// The message edits of stateless forwarding (Kamailio's forward()): on a request, our Via on
// top with a branch derived from the request, received/rport on the sender's Via, and the
// rewritten R-URI; on a reply, our Via taken off.
#pragma once

#include <string>
#include <string_view>
#include <vector>


#include "pipeline/message_context.hpp"
#include "transport/endpoint.hpp"
#include "util/fixed_text.hpp"

namespace sipline::core {

// Texts built for every forwarded request, on the stack: the edit that inserts them copies.
using BranchText = util::FixedText<25>;   // "z9hG4bKsl" and 16 hex digits
using ViaLineText = util::FixedText<256>; // our Via line; branches are ours, short

// Same input, same branch: a retransmission, its CANCEL and the ACK of a non-2xx reply all
// carry the INVITE's top branch, so the UAS sees one transaction.
BranchText statelessBranch(const sip::Message &msg, std::string_view ruri);

// Records the edits that turn the received request into the one to send from `local`.
void editForwardedRequest(pipeline::MessageContext &ctx, const transport::Endpoint &local);
// The part of that without our Via: the rewritten R-URI and received/rport on the sender's Via.
void editRequestHeaders(pipeline::MessageContext &ctx);
// "Via: SIP/2.0/UDP host:port;branch=...\r\n" for a request we send from `local`.
ViaLineText viaLine(const transport::Endpoint &local, std::string_view branch);

// True when the Via names one of our listen addresses (same host and port).
bool isOurVia(const sip::Via &via, const std::vector<transport::Endpoint> &listen);

// Records the edit that removes the top via-parm of a reply.
void editForwardedReply(pipeline::MessageContext &ctx);
void removeTopVia(const sip::Message &reply, pipeline::MessageEdits &edits);

}  // namespace sipline::core
