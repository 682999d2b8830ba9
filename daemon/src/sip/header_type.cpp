// Header name lookup: full names and RFC 3261 7.3.3 compact forms, case-insensitively.
#include "header_type.hpp"

#include <array>

namespace sipline::sip {
namespace {

struct KnownHeader {
    HeaderType type;
    std::string_view name;
    char compact;  // '\0' when the header has no compact form
};

// Indexed by HeaderType, so canonicalName() is a plain lookup.
constexpr std::array<KnownHeader, static_cast<size_t>(HeaderType::Count_)> kKnownHeaders{{
    {HeaderType::Other, "", '\0'},
    {HeaderType::Via, "Via", 'v'},
    {HeaderType::From, "From", 'f'},
    {HeaderType::To, "To", 't'},
    {HeaderType::CallId, "Call-ID", 'i'},
    {HeaderType::CSeq, "CSeq", '\0'},
    {HeaderType::ContentLength, "Content-Length", 'l'},
    {HeaderType::ContentType, "Content-Type", 'c'},
    {HeaderType::ContentEncoding, "Content-Encoding", 'e'},
    {HeaderType::MaxForwards, "Max-Forwards", '\0'},
    {HeaderType::Contact, "Contact", 'm'},
    {HeaderType::Route, "Route", '\0'},
    {HeaderType::RecordRoute, "Record-Route", '\0'},
    {HeaderType::Expires, "Expires", '\0'},
    {HeaderType::ProxyRequire, "Proxy-Require", '\0'},
    {HeaderType::Require, "Require", '\0'},
    {HeaderType::Supported, "Supported", 'k'},
    {HeaderType::Unsupported, "Unsupported", '\0'},
    {HeaderType::Subject, "Subject", 's'},
    {HeaderType::Authorization, "Authorization", '\0'},
    {HeaderType::ProxyAuthorization, "Proxy-Authorization", '\0'},
    {HeaderType::UserAgent, "User-Agent", '\0'},
    {HeaderType::Server, "Server", '\0'},
    {HeaderType::Allow, "Allow", '\0'},
    {HeaderType::Event, "Event", 'o'},
    {HeaderType::ReferTo, "Refer-To", 'r'},
}};

static_assert([] {
    for (size_t i = 0; i < kKnownHeaders.size(); ++i)
        if (static_cast<size_t>(kKnownHeaders[i].type) != i) return false;
    return true;
}(), "kKnownHeaders must be in HeaderType order");

constexpr char lowerAscii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

// Compact form -> type, indexed by the lower-case letter: one load instead of a scan.
constexpr std::array<HeaderType, 26> kCompactForms = [] {
    std::array<HeaderType, 26> table{};
    for (const KnownHeader &known : kKnownHeaders)
        if (known.compact != '\0') table[static_cast<size_t>(known.compact - 'a')] = known.type;
    return table;
}();

// Full names by length and lower-case first letter: at most two share both (Call-ID and
// Contact), so a header name is compared with two candidates at most, not with every name.
constexpr size_t kLongestName = 19; // Proxy-Authorization
using Candidates = std::array<HeaderType, 2>;
constexpr auto kByLengthAndLetter = [] {
    std::array<std::array<Candidates, 26>, kLongestName + 1> table{};
    for (size_t i = 1; i < kKnownHeaders.size(); ++i) {
        const std::string_view name = kKnownHeaders[i].name;
        Candidates &slot = table[name.size()][static_cast<size_t>(lowerAscii(name[0]) - 'a')];
        if (slot[1] != HeaderType::Other) throw "three header names share a length and a first letter";
        (slot[0] == HeaderType::Other ? slot[0] : slot[1]) = kKnownHeaders[i].type;
    }
    return table;
}();

}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    if (a == b) return true; // names are mostly written canonically: one memcmp decides
    for (size_t i = 0; i < a.size(); ++i)
        if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
    return true;
}

HeaderType headerTypeOf(std::string_view name) noexcept {
    if (name.empty() || name.size() > kLongestName) return HeaderType::Other;
    const char first = lowerAscii(name[0]);
    if (first < 'a' || first > 'z') return HeaderType::Other;
    const size_t letter = static_cast<size_t>(first - 'a');
    if (name.size() == 1) return kCompactForms[letter];
    for (const HeaderType candidate : kByLengthAndLetter[name.size()][letter])
        if (candidate != HeaderType::Other && equalsIgnoreCase(kKnownHeaders[size_t(candidate)].name, name))
            return candidate;
    return HeaderType::Other;
}

std::string_view canonicalName(HeaderType type) noexcept {
    const auto index = static_cast<size_t>(type);
    return index < kKnownHeaders.size() ? kKnownHeaders[index].name : std::string_view{};
}

}  // namespace sipline::sip
