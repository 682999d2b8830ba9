// Message lookups and the lazily parsed structured headers.
#include "content_length.hpp"
#include "message.hpp"

namespace sipline::sip {
namespace {

constexpr uint8_t kNotParsed = 0, kValid = 1, kInvalid = 2;

// Parses the first field of `type` into `out` once; the state byte remembers the outcome.
template <class T, class ParseFn>
const T *parseOnce(const Message &message, HeaderType type, uint8_t &state, T &out, ParseFn parse) {
    if (state == kNotParsed) {
        state = kInvalid;
        if (const Header *header = message.find(type)) {
            if (auto parsed = parse(header->value)) {
                out = *parsed;
                state = kValid;
            }
        }
    }
    return state == kValid ? &out : nullptr;
}

}  // namespace

const Header *Message::find(HeaderType type, size_t nth) const noexcept {
    if (type == HeaderType::Other || type >= HeaderType::Count_) return nullptr;
    for (const Header &header : headers_) {
        if (header.type != type) continue;
        if (nth == 0) return &header;
        --nth;
    }
    return nullptr;
}

const Header *Message::find(std::string_view name, size_t nth) const noexcept {
    if (name.empty()) return nullptr;
    const HeaderType type = headerTypeOf(name);
    if (type != HeaderType::Other) return find(type, nth);
    for (const Header &header : headers_) {
        if (header.type != HeaderType::Other || !equalsIgnoreCase(header.name, name)) continue;
        if (nth == 0) return &header;
        --nth;
    }
    return nullptr;
}

size_t Message::count(HeaderType type) const noexcept {
    if (type == HeaderType::Other) return 0;
    size_t matches = 0;
    for (const Header &header : headers_)
        if (header.type == type) ++matches;
    return matches;
}

const Uri *Message::requestUri() const {
    if (ruri_state_ == kNotParsed) {
        ruri_state_ = kInvalid;
        if (is_request_) {
            if (auto uri = parseUri(request_uri_)) {
                ruri_ = *uri;
                ruri_state_ = kValid;
            }
        }
    }
    return ruri_state_ == kValid ? &ruri_ : nullptr;
}

const std::vector<Via> *Message::vias() const {
    if (vias_state_ == kNotParsed) {
        vias_.clear();
        if (vias_.capacity() < 4) vias_.reserve(4); // a request's Via, a reply's two or three
        bool all_valid = true;
        for (const Header &header : headers_) {
            if (header.type != HeaderType::Via) continue;
            all_valid = forEachVia(header.value, [&](const Via &via) { vias_.push_back(via); });
            if (!all_valid) break;
        }
        // On failure vias_ keeps the entries before the bad one, so topVia() still works.
        vias_state_ = (all_valid && !vias_.empty()) ? kValid : kInvalid;
    }
    return vias_state_ == kValid ? &vias_ : nullptr;
}

const Via *Message::topVia() const {
    vias();
    return vias_.empty() ? nullptr : &vias_.front();
}

const NameAddr *Message::from() const {
    return parseOnce(*this, HeaderType::From, from_state_, from_, parseNameAddr);
}

const NameAddr *Message::to() const {
    return parseOnce(*this, HeaderType::To, to_state_, to_, parseNameAddr);
}

const CSeq *Message::cseq() const {
    return parseOnce(*this, HeaderType::CSeq, cseq_state_, cseq_, parseCSeq);
}

std::string_view Message::callId() const noexcept {
    const Header *header = find(HeaderType::CallId);
    return header ? header->value : std::string_view{};
}

std::optional<long long> Message::contentLength() const noexcept {
    const Header *header = find(HeaderType::ContentLength);
    if (!header) return std::nullopt;
    return parseContentLength(header->value);
}

}  // namespace sipline::sip
