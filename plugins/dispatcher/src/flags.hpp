// Destination flag bits and state letters, as Kamailio's dispatcher defines them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipline::dispatcher {

inline constexpr uint32_t kInactive = 1;  // I: skipped by selection, probed back to life
inline constexpr uint32_t kTrying = 2;    // T: still selected, failing probes counted
inline constexpr uint32_t kDisabled = 4;  // D: administratively out; never selected or probed
inline constexpr uint32_t kProbing = 8;   // P: receives keepalives
inline constexpr uint32_t kNoDns = 16;    // host not resolved at load; never pinged or matched
inline constexpr uint32_t kNoPing = 32;   // never pinged
inline constexpr uint32_t kStateBits = kInactive | kTrying | kDisabled | kProbing;

// Kamailio's ds_skip_dst(): inactive or disabled destinations are never selected.
constexpr bool isSkipped(uint32_t flags) noexcept { return (flags & (kInactive | kDisabled)) != 0; }

// dispatcher.list's two letters: I, D, T or A (that precedence), then P, N (no ping) or X.
std::string flagLetters(uint32_t flags);

// ds_mark_dst letters, left to right: a clears, i/t/d/p add bits. nullopt on any other char.
std::optional<uint32_t> parseMarkLetters(std::string_view letters) noexcept;

// dispatcher.set_state's state: 0/i/I, 1/a/A, 2/d/D, 3/t/T, then an optional p/P (not with
// disabled). The error text is Kamailio's fault message.
struct RpcState {
    std::optional<uint32_t> bits;
    std::string_view fault; // "Invalid State Parameter" or "Unknown State Value"
};
RpcState parseRpcState(std::string_view text) noexcept;

}  // namespace sipline::dispatcher
