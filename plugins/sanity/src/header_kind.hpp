// The header fields sanity cares about, recognised by full or compact name (RFC 3261 7.3.3)
// without regard to case, as Kamailio's header name parser does.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace sipline::sanity {

enum class HeaderKind : uint8_t {
    Other,
    Via,
    From,
    To,
    CallId,
    CSeq,
    ContentLength,
    Contact,
    Expires,
    ProxyRequire,
    Authorization,
    ProxyAuthorization,
    Route,
    RecordRoute,
    Path,
    PAssertedIdentity,
    RetryAfter,
    Count_,
};

HeaderKind headerKindOf(std::string_view name) noexcept;

// A set of kinds, for "parse until all of these were seen" (Kamailio's hdr_flags_t).
class HeaderKindSet {
public:
    constexpr HeaderKindSet() noexcept = default;
    constexpr HeaderKindSet(std::initializer_list<HeaderKind> kinds) noexcept {
        for (const HeaderKind kind : kinds) add(kind);
    }
    constexpr void add(HeaderKind kind) noexcept { bits_ |= bit(kind); }
    constexpr bool contains(HeaderKind kind) const noexcept { return (bits_ & bit(kind)) != 0; }
    constexpr bool containsAll(HeaderKindSet other) const noexcept {
        return (bits_ & other.bits_) == other.bits_;
    }
    constexpr bool empty() const noexcept { return bits_ == 0; }

private:
    static constexpr uint32_t bit(HeaderKind kind) noexcept {
        return uint32_t{1} << static_cast<uint32_t>(kind);
    }
    uint32_t bits_ = 0;
};

}  // namespace sipline::sanity
