// Kamailio's check bits (sanity_mod.h), their names for TOML, and the masks built from either.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipline::sanity {

// msg_checks bits. The values are Kamailio's, so existing numbers keep their meaning.
enum CheckBit : uint32_t {
    kRuriSipVersion = 1,
    kRuriScheme = 2,
    kRequiredHeaders = 4,
    kViaSipVersion = 8,
    kViaProtocol = 16,
    kCSeqMethod = 32,
    kCSeqValue = 64,
    kContentLength = 128,
    kExpiresValue = 256,
    kProxyRequire = 512,
    kParseUris = 1024,
    kDigestCredentials = 2048,
    kDuplicatedTags = 4096,
    kAuthorization = 8192,
    kVia1Header = 16384,
    kRfc3261Compliance = 32768,
    kSizes = 65536,
};
inline constexpr uint32_t kAllMessageChecks = 131071; // valid msg_checks: 1..131071
inline constexpr uint32_t kDefaultMessageChecks = 3047;

// uri_checks bits: which URIs parse_uris (1024) parses.
enum UriCheckBit : uint32_t {
    kUriRequest = 1,
    kUriFrom = 2,
    kUriTo = 4,
    kUriContact = 8,
};
inline constexpr uint32_t kAllUriChecks = 15; // valid uri_checks: 1..15
inline constexpr uint32_t kDefaultUriChecks = 7;

enum class MaskKind { Message, Uri };

struct CheckName {
    std::string_view name;
    uint32_t bits;
    bool canonical; // false for aliases
};

std::span<const CheckName> checkNames(MaskKind kind) noexcept;
// The canonical name of one bit, "" when it has none.
std::string_view canonicalName(MaskKind kind, uint32_t bit) noexcept;

// From configuration JSON text: an integer in range, a name, a string of digits, or a list of
// names and integers. Throws sdk::ConfigError naming `what` and the known names.
uint32_t maskFromJson(std::string_view json_text, MaskKind kind, std::string_view what);

// From a value known only per message (a $variable): integer text or one name; nullopt when
// it is neither or is out of range.
std::optional<uint32_t> maskFromText(std::string_view text, MaskKind kind) noexcept;

bool isValidMask(int64_t mask, MaskKind kind) noexcept;

}  // namespace sipline::sanity
