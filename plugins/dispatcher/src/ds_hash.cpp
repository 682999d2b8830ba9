#include "ds_hash.hpp"

namespace sipline::dispatcher {
namespace {

// Kamailio walks `char` values; on x86 they are signed, so bytes >= 0x80 sign-extend.
uint32_t charValue(char c) noexcept { return static_cast<uint32_t>(static_cast<int32_t>(static_cast<signed char>(c))); }

void addString(uint32_t &h, std::string_view s) noexcept {
    size_t i = 0;
    for (; i + 4 <= s.size(); i += 4) {
        const uint32_t v = (charValue(s[i]) << 24) + (charValue(s[i + 1]) << 16) + (charValue(s[i + 2]) << 8) +
                           charValue(s[i + 3]);
        h += v ^ (v >> 3);
    }
    uint32_t v = 0;
    for (; i < s.size(); ++i) v = (v << 8) + charValue(s[i]);
    h += v ^ (v >> 3);
}

// splitmix64's finaliser.
uint64_t mix64(uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t fnv1a(uint64_t h, std::string_view text) noexcept {
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

}  // namespace

uint32_t kamailioHash(std::string_view x, std::string_view y) noexcept {
    if (x.empty() && y.empty()) return 1; // Kamailio: "no hash input" answers 1 too (never 0)
    uint32_t h = 0;
    if (!x.empty()) addString(h, x);
    if (!y.empty()) addString(h, y);
    h = (h + (h >> 11)) + ((h >> 13) + (h >> 23));
    return h != 0 ? h : 1;
}

uint64_t textHash64(std::string_view text) noexcept { return mix64(fnv1a(kFnvOffset, text)); }

uint64_t textHash64(std::string_view x, std::string_view y) noexcept {
    // A separator byte keeps ("ab", "c") and ("a", "bc") apart.
    return mix64(fnv1a(fnv1a(fnv1a(kFnvOffset, x), std::string_view{"\0", 1}), y));
}

uint64_t rendezvousScore(uint64_t key_hash, uint64_t destination_seed) noexcept {
    return mix64(key_hash ^ mix64(destination_seed + 0x9e3779b97f4a7c15ULL));
}

}  // namespace sipline::dispatcher
