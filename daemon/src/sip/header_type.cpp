// Header name lookup: full names and RFC 3261 7.3.3 compact forms, case-insensitively.
#include "header_type.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <type_traits>

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

// Comparing eight characters at a time. A text of n characters is read as words: from n = 8
// on at offsets 0, 8, ... with the last word ending at n (overlapping the one before); below
// 8 as two overlapping halves in one word. Texts of equal length get equal layouts, and
// (word | case_bits) == lower holds exactly when the text matches the known name without
// regard to case: case_bits has 0x20 on the known name's letters, which folds just the two
// cases of each letter, and 0 elsewhere, so '-' must match '-'.
constexpr size_t kMaxWords = (kLongestName + 7) / 8;

constexpr size_t wordCount(size_t length) noexcept { return length < 8 ? 1 : (length + 7) / 8; }

template <size_t Width> uint64_t loadWord(const char *at) noexcept {
    std::conditional_t<Width == 8, uint64_t, std::conditional_t<Width == 4, uint32_t, uint16_t>> word;
    std::memcpy(&word, at, Width);
    if constexpr (std::endian::native == std::endian::big) {
        uint64_t little = 0;
        for (size_t i = 0; i < Width; ++i) little |= uint64_t(uint8_t(at[i])) << (8 * i);
        return little;
    }
    return word;
}

uint64_t wordOf(std::string_view text, size_t index) noexcept {
    const size_t n = text.size();
    const char *p = text.data();
    if (n >= 8) return loadWord<8>(p + std::min(8 * index, n - 8));
    if (n >= 4) return loadWord<4>(p) | loadWord<4>(p + n - 4) << 32;
    return loadWord<2>(p) | loadWord<2>(p + n - 2) << 16; // n is 2 or 3: compact forms are one
}

// The same layout at compile time, from the known names.
constexpr uint64_t littleEndian(const char *at, size_t width, bool case_bits) noexcept {
    uint64_t word = 0;
    for (size_t i = 0; i < width; ++i) {
        const char c = at[i];
        const auto byte = case_bits ? ((lowerAscii(c) >= 'a' && lowerAscii(c) <= 'z') ? 0x20u : 0u)
                                    : static_cast<unsigned>(static_cast<unsigned char>(lowerAscii(c)));
        word |= uint64_t{byte} << (8 * i);
    }
    return word;
}

constexpr uint64_t knownWordOf(std::string_view name, size_t index, bool case_bits) noexcept {
    const size_t n = name.size();
    if (n >= 8) return littleEndian(name.data() + std::min(8 * index, n - 8), 8, case_bits);
    const size_t half = n >= 4 ? 4 : 2;
    return littleEndian(name.data(), half, case_bits) | littleEndian(name.data() + n - half, half, case_bits) << (8 * half);
}

struct FoldedName {
    std::array<uint64_t, kMaxWords> lower{};
    std::array<uint64_t, kMaxWords> case_bits{};
};

constexpr auto kFoldedNames = [] {
    std::array<FoldedName, kKnownHeaders.size()> table{};
    for (size_t i = 1; i < kKnownHeaders.size(); ++i) {
        const std::string_view name = kKnownHeaders[i].name;
        for (size_t w = 0; w < wordCount(name.size()); ++w) {
            table[i].lower[w] = knownWordOf(name, w, false);
            table[i].case_bits[w] = knownWordOf(name, w, true);
        }
    }
    return table;
}();

// `name` has the known name's length (2 or more).
bool matchesKnownName(std::string_view name, HeaderType type) noexcept {
    const FoldedName &known = kFoldedNames[static_cast<size_t>(type)];
    for (size_t w = 0; w < wordCount(name.size()); ++w)
        if ((wordOf(name, w) | known.case_bits[w]) != known.lower[w]) return false;
    return true;
}

}  // namespace

HeaderType headerTypeOf(std::string_view name) noexcept {
    if (name.empty() || name.size() > kLongestName) return HeaderType::Other;
    const char first = lowerAscii(name[0]);
    if (first < 'a' || first > 'z') return HeaderType::Other;
    const size_t letter = static_cast<size_t>(first - 'a');
    if (name.size() == 1) return kCompactForms[letter];
    for (const HeaderType candidate : kByLengthAndLetter[name.size()][letter])
        if (candidate != HeaderType::Other && matchesKnownName(name, candidate))
            return candidate;
    return HeaderType::Other;
}

std::string_view canonicalName(HeaderType type) noexcept {
    const auto index = static_cast<size_t>(type);
    return index < kKnownHeaders.size() ? kKnownHeaders[index].name : std::string_view{};
}

}  // namespace sipline::sip
