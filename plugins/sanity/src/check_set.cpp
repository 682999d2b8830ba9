#include "check_set.hpp"

#include <charconv>

#include <nlohmann/json.hpp>
#include <sipline/sdk/cpp/host.hpp>

#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

using nlohmann::json;

constexpr CheckName kMessageNames[] = {
    {"ruri_sip_version", kRuriSipVersion, true},
    {"ruri_scheme", kRuriScheme, true},
    {"required_headers", kRequiredHeaders, true},
    {"via_sip_version", kViaSipVersion, true},
    {"via_protocol", kViaProtocol, true},
    {"cseq_method", kCSeqMethod, true},
    {"cseq_value", kCSeqValue, true},
    {"content_length", kContentLength, true},
    {"expires_value", kExpiresValue, true},
    {"proxy_require", kProxyRequire, true},
    {"parse_uris", kParseUris, true},
    {"digest_credentials", kDigestCredentials, true},
    {"duplicated_tags", kDuplicatedTags, true},
    {"authorization", kAuthorization, true},
    {"via1_header", kVia1Header, true},
    {"rfc3261_compliance", kRfc3261Compliance, true},
    {"sizes", kSizes, true},
    // Aliases: the names of the issue and of Kamailio's macros (SANITY_CHECK_DUPTAGS, ...).
    {"parse_uri", kParseUris, false},
    {"digest", kDigestCredentials, false},
    {"duplicated_to_tag", kDuplicatedTags, false},
    {"duptags", kDuplicatedTags, false},
    {"via1", kVia1Header, false},
    {"rfc3261", kRfc3261Compliance, false},
    {"size_checks", kSizes, false},
    {"cl", kContentLength, false},
    // Sets.
    {"default", kDefaultMessageChecks, false},
    {"all", kAllMessageChecks, false},
};

constexpr CheckName kUriNames[] = {
    {"ruri", kUriRequest, true},
    {"from", kUriFrom, true},
    {"to", kUriTo, true},
    {"contact", kUriContact, true},
    {"request_uri", kUriRequest, false},
    {"r-uri", kUriRequest, false},
    {"default", kDefaultUriChecks, false},
    {"all", kAllUriChecks, false},
};

uint32_t maxMask(MaskKind kind) noexcept {
    return kind == MaskKind::Message ? kAllMessageChecks : kAllUriChecks;
}

std::optional<uint32_t> bitsOfName(std::string_view name, MaskKind kind) noexcept {
    for (const CheckName &entry : checkNames(kind))
        if (equalsIgnoreCase(entry.name, name)) return entry.bits;
    return std::nullopt;
}

std::optional<int64_t> integerText(std::string_view text) noexcept {
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::string knownNames(MaskKind kind) {
    std::string out;
    for (const CheckName &entry : checkNames(kind)) {
        if (!out.empty()) out += ", ";
        out += entry.name;
    }
    return out;
}

std::string rangeText(MaskKind kind) { return "1.." + std::to_string(maxMask(kind)); }

uint32_t checkedInteger(int64_t value, MaskKind kind, std::string_view what) {
    if (!isValidMask(value, kind))
        throw sdk::ConfigError{std::string{what} + " must be in " + rangeText(kind) + ", got " +
                               std::to_string(value)};
    return static_cast<uint32_t>(value);
}

uint32_t maskOfItem(const json &item, MaskKind kind, std::string_view what) {
    if (item.is_number_integer()) return checkedInteger(item.get<int64_t>(), kind, what);
    if (item.is_string()) {
        const std::string text = item.get<std::string>();
        if (const auto number = integerText(text)) return checkedInteger(*number, kind, what);
        if (const auto bits = bitsOfName(text, kind)) return *bits;
        throw sdk::ConfigError{std::string{what} + ": unknown check '" + text + "' (known: " +
                               knownNames(kind) + ")"};
    }
    throw sdk::ConfigError{std::string{what} + " must be an integer in " + rangeText(kind) +
                           ", a check name or a list of them, got " + item.dump()};
}

}  // namespace

std::span<const CheckName> checkNames(MaskKind kind) noexcept {
    if (kind == MaskKind::Message) return kMessageNames;
    return kUriNames;
}

std::string_view canonicalName(MaskKind kind, uint32_t bit) noexcept {
    for (const CheckName &entry : checkNames(kind))
        if (entry.canonical && entry.bits == bit) return entry.name;
    return {};
}

bool isValidMask(int64_t mask, MaskKind kind) noexcept {
    return mask >= 1 && mask <= static_cast<int64_t>(maxMask(kind));
}

uint32_t maskFromJson(std::string_view json_text, MaskKind kind, std::string_view what) {
    const json value = json::parse(json_text, nullptr, false);
    if (value.is_discarded()) throw sdk::ConfigError{std::string{what} + ": not a valid value"};
    if (!value.is_array()) return maskOfItem(value, kind, what);
    if (value.empty()) throw sdk::ConfigError{std::string{what} + ": the list of checks is empty"};
    uint32_t mask = 0;
    for (const json &item : value) mask |= maskOfItem(item, kind, what);
    return mask;
}

std::optional<uint32_t> maskFromText(std::string_view text, MaskKind kind) noexcept {
    const std::string_view trimmed = trimLws(text);
    if (const auto number = integerText(trimmed)) {
        if (!isValidMask(*number, kind)) return std::nullopt;
        return static_cast<uint32_t>(*number);
    }
    return bitsOfName(trimmed, kind);
}

}  // namespace sipline::sanity
