#include "header_kind.hpp"

#include <array>
#include <cstdint>
#include <iterator>

#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

struct NamedKind {
    std::string_view name;
    HeaderKind kind;
};

constexpr NamedKind kNames[] = {
    {"via", HeaderKind::Via},
    {"v", HeaderKind::Via},
    {"from", HeaderKind::From},
    {"f", HeaderKind::From},
    {"to", HeaderKind::To},
    {"t", HeaderKind::To},
    {"call-id", HeaderKind::CallId},
    {"i", HeaderKind::CallId},
    {"cseq", HeaderKind::CSeq},
    {"content-length", HeaderKind::ContentLength},
    {"l", HeaderKind::ContentLength},
    {"contact", HeaderKind::Contact},
    {"m", HeaderKind::Contact},
    {"expires", HeaderKind::Expires},
    {"proxy-require", HeaderKind::ProxyRequire},
    {"authorization", HeaderKind::Authorization},
    {"proxy-authorization", HeaderKind::ProxyAuthorization},
    {"route", HeaderKind::Route},
    {"record-route", HeaderKind::RecordRoute},
    {"path", HeaderKind::Path},
    {"p-asserted-identity", HeaderKind::PAssertedIdentity},
    {"retry-after", HeaderKind::RetryAfter},
};

// For each lower-case first letter, the entries of kNames that start with it (at most 4).
struct Candidates {
    uint8_t index[4];
    uint8_t count = 0;
};

constexpr auto kByFirstLetter = [] {
    std::array<Candidates, 26> table{};
    for (size_t i = 0; i < std::size(kNames); ++i) {
        Candidates &slot = table[size_t(kNames[i].name[0] - 'a')];
        slot.index[slot.count++] = static_cast<uint8_t>(i);
    }
    return table;
}();

}  // namespace

HeaderKind headerKindOf(std::string_view name) noexcept {
    if (name.empty()) return HeaderKind::Other;
    // Runs for every header of every message: the first letter leaves at most four names.
    const char first = char(name[0] | 0x20); // ASCII letters only match lower-case names
    if (first < 'a' || first > 'z') return HeaderKind::Other;
    const Candidates &candidates = kByFirstLetter[size_t(first - 'a')];
    for (uint8_t i = 0; i < candidates.count; ++i) {
        const NamedKind &entry = kNames[candidates.index[i]];
        if (entry.name.size() == name.size() && equalsIgnoreCase(name, entry.name)) return entry.kind;
    }
    return HeaderKind::Other;
}

}  // namespace sipline::sanity
