// The stateless To-tag: "<32 hex instance signature>.<8 hex transaction hash>" (41 chars, the
// shape of Kamailio's). Deterministic, so a retransmitted request gets the same tag and the
// ACK for the reply can be recognised without keeping any state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "top_via.hpp"

namespace sipline::sl {

inline constexpr size_t kSignatureLength = 32;
inline constexpr size_t kToTagLength = 41;

// 128-bit hash, as 32 hex chars, of "sipline-stateless" and the first listen address and port.
// Computed once per instance; different daemons get different tags.
std::string instanceSignature(std::string_view listen_address, uint16_t listen_port);

// 8 hex chars from what names the transaction: the top Via's host, port and branch and the
// Call-ID. An ACK for a non-2xx reply repeats the INVITE's top Via (RFC 3261 17.1.1.3), so it
// hashes to the same value as the INVITE did.
std::string transactionHash(const TopVia &top_via, std::string_view call_id);

// signature + "." + transactionHash(top_via, call_id)
std::string statelessToTag(std::string_view signature, const TopVia &top_via,
                           std::string_view call_id);

}  // namespace sipline::sl
