// The slot hash of a key. Case-insensitive like Kamailio's core_case_hash, while key
// comparison stays case-sensitive: "A" and "a" are two items in the same slot.
#pragma once

#include <cstdint>
#include <string_view>

namespace sipline::htable {

uint32_t keyHash(std::string_view key) noexcept;

}  // namespace sipline::htable
