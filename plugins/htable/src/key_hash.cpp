#include "key_hash.hpp"

namespace sipline::htable {

// FNV-1a over the lower-cased bytes, then a final avalanche so that the low bits (the slot
// index is hash & (slots - 1)) depend on every byte, even for keys such as IP addresses
// that differ only in their last characters.
uint32_t keyHash(std::string_view key) noexcept {
    uint32_t hash = 2166136261u;
    for (const char c : key) {
        const auto byte = static_cast<unsigned char>(c);
        hash ^= (byte >= 'A' && byte <= 'Z') ? byte + ('a' - 'A') : byte;
        hash *= 16777619u;
    }
    hash ^= hash >> 16;
    hash *= 0x7feb352du;
    hash ^= hash >> 15;
    return hash;
}

}  // namespace sipline::htable
