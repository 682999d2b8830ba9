// The hashes behind the hash algorithms: Kamailio's ds_get_hash (bit-exact, for fleets shared
// with Kamailio) and the 64-bit key and score functions of sipline's rendezvous hashing.
#pragma once

#include <cstdint>
#include <string_view>

namespace sipline::dispatcher {

// Kamailio's ds_get_hash(x, y): 4-byte groups of signed chars folded into 32 bits, then mixed.
// Empty strings are skipped; an all-empty input hashes to 1, as Kamailio returns then.
uint32_t kamailioHash(std::string_view x, std::string_view y = {}) noexcept;

// A stable 64-bit hash of text (FNV-1a, then a finaliser so close keys spread).
uint64_t textHash64(std::string_view text) noexcept;
uint64_t textHash64(std::string_view x, std::string_view y) noexcept;

// Rendezvous (highest random weight) score of a key for one destination: each destination
// wins an equal share of keys, and removing one moves only the keys it won.
uint64_t rendezvousScore(uint64_t key_hash, uint64_t destination_seed) noexcept;

}  // namespace sipline::dispatcher
