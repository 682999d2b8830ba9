#include "to_tag.hpp"

#include <initializer_list>

namespace sipline::sl {
namespace {

// FNV-1a over the parts, each followed by a NUL so that ("ab", "c") and ("a", "bc") differ;
// SIP text never contains NUL. Then a 64-bit avalanche (murmur3's finalizer) so that close
// inputs give unrelated outputs. Not cryptographic: the tag only needs to be unique.
uint64_t hashParts(uint64_t seed, std::initializer_list<std::string_view> parts) noexcept {
    constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
    uint64_t hash = seed;
    for (const std::string_view part : parts) {
        for (const char c : part) {
            hash ^= static_cast<unsigned char>(c);
            hash *= kFnvPrime;
        }
        hash *= kFnvPrime; // the NUL separator: xor with 0 is a no-op
    }
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    hash ^= hash >> 33;
    return hash;
}

constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr uint64_t kSecondSeed = 0x9e3779b97f4a7c15ULL; // another start: an independent half

void appendHex(std::string &out, uint64_t value, int digits) {
    constexpr std::string_view kHexDigits = "0123456789abcdef";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += kHexDigits[(value >> shift) & 0xf];
}

}  // namespace

std::string instanceSignature(std::string_view listen_address, uint16_t listen_port) {
    const std::string port = std::to_string(listen_port);
    const std::initializer_list<std::string_view> parts = {"sipline-stateless", listen_address,
                                                           port};
    std::string signature;
    signature.reserve(kSignatureLength);
    appendHex(signature, hashParts(kFnvOffsetBasis, parts), 16);
    appendHex(signature, hashParts(kSecondSeed, parts), 16);
    return signature;
}

std::string transactionHash(const TopVia &top_via, std::string_view call_id) {
    const uint64_t hash =
        hashParts(kFnvOffsetBasis, {top_via.host, top_via.port, top_via.branch, call_id});
    std::string text;
    appendHex(text, (hash ^ (hash >> 32)) & 0xffffffffULL, 8);
    return text;
}

std::string statelessToTag(std::string_view signature, const TopVia &top_via,
                           std::string_view call_id) {
    std::string tag{signature};
    tag += '.';
    tag += transactionHash(top_via, call_id);
    return tag;
}

}  // namespace sipline::sl
