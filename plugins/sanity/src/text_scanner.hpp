// A cursor over a header value for the hand-written parsers: peek, consume, skip LWS.
// Never reads past the end; every parser built on it is total over arbitrary bytes.
#pragma once

#include <cstddef>
#include <string_view>

#include "sip_chars.hpp"

namespace sipline::sanity {

class TextScanner {
public:
    explicit constexpr TextScanner(std::string_view text) noexcept : text_{text} {}

    constexpr bool atEnd() const noexcept { return pos_ >= text_.size(); }
    constexpr char peek() const noexcept { return atEnd() ? '\0' : text_[pos_]; }
    constexpr size_t position() const noexcept { return pos_; }
    constexpr void rewind(size_t position) noexcept { pos_ = position; }
    constexpr std::string_view rest() const noexcept { return text_.substr(pos_); }
    constexpr std::string_view slice(size_t from) const noexcept {
        return text_.substr(from, pos_ - from);
    }

    constexpr void skipLws() noexcept { pos_ = endOfRun(isLws); }
    constexpr bool consume(char c) noexcept {
        if (atEnd() || text_[pos_] != c) return false;
        ++pos_;
        return true;
    }
    // LWS, then c, then LWS (SIP's SWS c SWS separators: SLASH, SEMI, EQUAL, COMMA).
    constexpr bool consumeSeparator(char c) noexcept {
        const size_t start = pos_;
        skipLws();
        if (!consume(c)) {
            pos_ = start;
            return false;
        }
        skipLws();
        return true;
    }
    template <class Predicate> constexpr std::string_view takeWhile(Predicate accept) noexcept {
        const size_t start = pos_;
        pos_ = endOfRun(accept);
        return std::string_view{text_.data() + start, pos_ - start};
    }
    constexpr std::string_view takeToken() noexcept { return takeWhile(isTokenChar); }

    // quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE, the scanner on the opening quote.
    // Returns false (position unspecified) when it is not closed or holds a bare control char.
    constexpr bool skipQuotedString() noexcept {
        if (!consume('"')) return false;
        while (!atEnd()) {
            const char c = text_[pos_++];
            if (c == '"') return true;
            if (c == '\\') {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (atEnd()) return false;
                const char escaped = text_[pos_++];
                if (escaped == '\n' || escaped == '\r' || static_cast<unsigned char>(escaped) > 0x7f)
                    return false;
                continue;
            }
            // qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 && !isLws(c)) return false;
            if (u == 0x7f) return false;
        }
        return false;
    }

private:
    // Where the run of accepted characters from the position ends. A local index, not pos_:
    // the compiler keeps it in a register through the loop.
    template <class Predicate> constexpr size_t endOfRun(Predicate accept) const noexcept {
        size_t end = pos_;
        while (end < text_.size() && accept(text_[end])) ++end;
        return end;
    }

    std::string_view text_;
    size_t pos_ = 0;
};

}  // namespace sipline::sanity
