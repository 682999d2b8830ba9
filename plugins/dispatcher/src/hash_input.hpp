// The hash input of each hash algorithm, taken from the message as Kamailio does: the
// Call-ID, the From/To/R-URI user and host[:port], the digest username.
#pragma once

#include <optional>
#include <string_view>

#include <sipline/sdk.hpp>

#include "selection.hpp"

namespace sipline::dispatcher {

// nullopt when the message lacks the input (the select then fails with -1); for alg 5 when no
// credentials are present (the select falls back to round robin).
std::optional<HashKey> hashInput(int alg, const sdk::Message &msg, bool user_only);

// The username="..." of a Digest credentials header value; nullopt when absent.
std::optional<std::string_view> digestUsername(std::string_view credentials) noexcept;

std::string_view trimmed(std::string_view text) noexcept;

}  // namespace sipline::dispatcher
