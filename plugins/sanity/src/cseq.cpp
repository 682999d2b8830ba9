#include "cseq.hpp"

#include "sip_chars.hpp"
#include "text_scanner.hpp"

namespace sipline::sanity {
namespace {

bool isWord(char c) noexcept { return !isLws(c); }

}  // namespace

std::optional<CSeqValue> parseCSeq(std::string_view value) noexcept {
    TextScanner scanner{trimLws(value)};
    CSeqValue out;
    out.number = scanner.takeWhile(isWord);
    scanner.skipLws();
    out.method = scanner.takeWhile(isWord);
    scanner.skipLws();
    if (out.number.empty() || out.method.empty() || !scanner.atEnd()) return std::nullopt;
    return out;
}

}  // namespace sipline::sanity
