#include "flags.hpp"

namespace sipline::dispatcher {

std::string flagLetters(uint32_t flags) {
    std::string out;
    if (flags & kInactive) out += 'I';
    else if (flags & kDisabled) out += 'D';
    else if (flags & kTrying) out += 'T';
    else out += 'A';
    if (flags & kProbing) out += 'P';
    else if (flags & kNoPing) out += 'N';
    else out += 'X';
    return out;
}

std::optional<uint32_t> parseMarkLetters(std::string_view letters) noexcept {
    if (letters.empty()) return std::nullopt;
    uint32_t state = 0;
    for (const char c : letters) {
        switch (c) {
        case 'a': case 'A': state = 0; break;
        case 'i': case 'I': state |= kInactive; break;
        case 't': case 'T': state |= kTrying; break;
        case 'd': case 'D': state |= kDisabled; break;
        case 'p': case 'P': state |= kProbing; break;
        default: return std::nullopt;
        }
    }
    return state;
}

RpcState parseRpcState(std::string_view text) noexcept {
    if (text.empty()) return {std::nullopt, "Invalid State Parameter"};
    uint32_t state = 0;
    switch (text[0]) {
    case '0': case 'i': case 'I': state = kInactive; break;
    case '1': case 'a': case 'A': state = 0; break;
    case '2': case 'd': case 'D': state = kDisabled; break;
    case '3': case 't': case 'T': state = kTrying; break;
    default: return {std::nullopt, "Unknown State Value"};
    }
    if (text.size() >= 2) {
        if ((text[1] != 'p' && text[1] != 'P') || text.size() > 2) return {std::nullopt, "Unknown State Value"};
        if (state & kDisabled) return {std::nullopt, "Unknown State Value"}; // disabled is never probed
        state |= kProbing;
    }
    return {state, {}};
}

}  // namespace sipline::dispatcher
