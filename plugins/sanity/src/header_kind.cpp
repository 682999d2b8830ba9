#include "header_kind.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
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

// Each name as the few machine words a comparison reads: `width` bytes (the largest of 8, 4,
// 2, 1 that fits the name) at up to three offsets that cover it, the last one overlapping.
// A word read from the text, ORed with 0x20 where the name has a letter, equals the name's
// lower-case word exactly when those bytes match without regard to case: only 'A' and 'a'
// become 'a' that way, and the bytes that are not letters are compared as they are.
struct NamePattern {
    uint8_t width = 0;
    uint8_t words = 0;
    uint8_t offset[3]{};
    uint64_t case_bits[3]{};
    uint64_t lower[3]{};
};

// The value a `width`-byte load from those bytes gives, in the machine's byte order.
template <class ByteOf> constexpr uint64_t packed(size_t width, ByteOf byte_of) {
    uint64_t word = 0;
    for (size_t i = 0; i < width; ++i) {
        const size_t shift = 8 * (std::endian::native == std::endian::little ? i : width - 1 - i);
        word |= uint64_t{byte_of(i)} << shift;
    }
    return word;
}

// `name` is lower-case (kNames are; the table below refuses to compile otherwise).
constexpr NamePattern patternOf(std::string_view name) {
    for (const char c : name)
        if (c != lowerAscii(c)) throw "kNames must be lower-case";
    NamePattern pattern;
    pattern.width = name.size() >= 8 ? 8 : name.size() >= 4 ? 4 : name.size() >= 2 ? 2 : 1;
    for (size_t at = 0;; at += pattern.width) {
        const size_t offset = std::min(at, name.size() - pattern.width);
        const size_t i = pattern.words++;
        pattern.offset[i] = static_cast<uint8_t>(offset);
        pattern.lower[i] = packed(pattern.width, [&](size_t k) { return uint8_t(name[offset + k]); });
        pattern.case_bits[i] =
            packed(pattern.width, [&](size_t k) { return uint8_t(isAlpha(name[offset + k]) ? 0x20 : 0); });
        if (offset + pattern.width == name.size()) break;
    }
    return pattern;
}

constexpr auto kPatterns = [] {
    std::array<NamePattern, std::size(kNames)> table{};
    for (size_t i = 0; i < std::size(kNames); ++i) table[i] = patternOf(kNames[i].name);
    return table;
}();

// For each name length, the entries of kNames that long (at most 6: the compact forms).
constexpr size_t kLongestName = 19;
struct Candidates {
    uint8_t index[6];
    uint8_t count = 0;
};

constexpr auto kByLength = [] {
    std::array<Candidates, kLongestName + 1> table{};
    for (size_t i = 0; i < std::size(kNames); ++i) {
        Candidates &slot = table[kNames[i].name.size()];
        slot.index[slot.count++] = static_cast<uint8_t>(i);
    }
    return table;
}();

template <class Word> Word loadAs(const char *bytes) noexcept {
    Word word;
    std::memcpy(&word, bytes, sizeof word); // unaligned, as one load
    return word;
}

uint64_t loadWord(const char *bytes, size_t width) noexcept {
    switch (width) {
    case 8: return loadAs<uint64_t>(bytes);
    case 4: return loadAs<uint32_t>(bytes);
    case 2: return loadAs<uint16_t>(bytes);
    default: return static_cast<unsigned char>(*bytes);
    }
}

// name is as long as the pattern's name: the words read stay inside it.
bool matches(std::string_view name, const NamePattern &pattern) noexcept {
    for (size_t i = 0; i < pattern.words; ++i) {
        const uint64_t word = loadWord(name.data() + pattern.offset[i], pattern.width);
        if ((word | pattern.case_bits[i]) != pattern.lower[i]) return false;
    }
    return true;
}

}  // namespace

HeaderKind headerKindOf(std::string_view name) noexcept {
    // Runs for every header of every message: the length leaves at most a few names, each
    // compared a word at a time.
    if (name.empty() || name.size() > kLongestName) return HeaderKind::Other;
    const Candidates &candidates = kByLength[name.size()];
    for (uint8_t i = 0; i < candidates.count; ++i) {
        const size_t index = candidates.index[i];
        if (matches(name, kPatterns[index])) return kNames[index].kind;
    }
    return HeaderKind::Other;
}

}  // namespace sipline::sanity
