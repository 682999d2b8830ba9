// Message::parse: start line, header fields and body of one SIP message (RFC 3261 7, 18.3).
// Lenient where deployed stacks differ from the grammar (bare LF line ends, extra spaces in
// the start line, whitespace before ':'), strict where a wrong guess would misframe the
// message (no empty line, a body shorter than Content-Length, conflicting Content-Lengths).
#include "content_length.hpp"
#include "message.hpp"
#include "sip_chars.hpp"

namespace sipline::sip {
namespace {

constexpr size_t kHeaderReserve = 32;  // covers almost every real message: one allocation

constexpr ParseResult failure(std::string_view reason) noexcept { return {false, reason}; }

// One line: [begin, content_end) is its text without CR LF; next is where the next line starts.
struct Line {
    size_t begin = 0;
    size_t content_end = 0;
    size_t next = 0;
    bool empty() const noexcept { return content_end == begin; }
};

// False when no LF ends the line: the message is truncated.
bool readLine(std::string_view bytes, size_t pos, Line &line) noexcept {
    const size_t line_feed = bytes.find('\n', pos);
    if (line_feed == std::string_view::npos) return false;
    line.begin = pos;
    line.next = line_feed + 1;
    line.content_end = (line_feed > pos && bytes[line_feed - 1] == '\r') ? line_feed - 1 : line_feed;
    return true;
}

// SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT. Only the shape is checked here; a version
// other than 2.0 is for sanity to answer with 505.
bool looksLikeSipVersion(std::string_view text) noexcept {
    if (text == "SIP/2.0") return true; // nearly every message
    if (text.size() < 7 || !equalsIgnoreCase(text.substr(0, 4), "SIP/")) return false;
    const size_t dot = text.find('.', 4);
    if (dot == std::string_view::npos) return false;
    return chars::isAllDigits(text.substr(4, dot - 4)) && chars::isAllDigits(text.substr(dot + 1));
}

std::string_view trimTrailingWsp(std::string_view text) noexcept {
    while (!text.empty() && chars::isWsp(text.back())) text.remove_suffix(1);
    return text;
}

}  // namespace

ParseResult Message::parse(std::string_view bytes, const ParseLimits &limits) {
    reset(bytes);
    if (headers_.capacity() < kHeaderReserve) headers_.reserve(kHeaderReserve);

    if (bytes.size() > limits.max_message_bytes) return failure("message too large");

    // CRLFs before the start line are ignored (RFC 3261 7.5; keep-alives).
    size_t pos = 0;
    while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n')) ++pos;
    if (pos == bytes.size()) return failure("empty message");

    Line line;
    if (!readLine(bytes, pos, line)) return failure("no header terminator");
    start_line_ = bytes.substr(line.begin, line.content_end - line.begin);
    if (const ParseResult start = parseStartLine(); !start.ok) return start;

    headers_begin_ = line.next;
    if (const ParseResult fields = parseHeaderFields(line.next, limits); !fields.ok) return fields;
    return parseBody();
}

void Message::reset(std::string_view bytes) noexcept {
    // Every member a parse sets, back to its initial value; the lazy views only need their
    // state (they are written before they are read), and the vectors keep their allocations.
    bytes_ = bytes;
    is_request_ = false;
    method_ = request_uri_ = version_ = reason_ = start_line_ = body_ = {};
    status_code_ = 0;
    headers_.clear();
    headers_begin_ = headers_end_ = 0;
    ruri_state_ = vias_state_ = from_state_ = to_state_ = cseq_state_ = 0;
    vias_.clear();
}

ParseResult Message::parseStartLine() {
    const std::string_view text = trimTrailingWsp(start_line_);  // trws: "SIP/2.0  "
    const size_t first_gap = chars::findFirstWsp(text);
    if (first_gap == std::string_view::npos) return failure("bad start line");
    const std::string_view first = text.substr(0, first_gap);

    if (first.size() >= 4 && equalsIgnoreCase(first.substr(0, 4), "SIP/")) {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
        if (!looksLikeSipVersion(first)) return failure("bad SIP version");
        version_ = first;
        size_t code_begin = first_gap;
        while (code_begin < text.size() && chars::isWsp(text[code_begin])) ++code_begin;
        const std::string_view rest = start_line_.substr(code_begin);
        if (rest.size() < 3 || !chars::isAllDigits(rest.substr(0, 3)) ||
            (rest.size() > 3 && !chars::isWsp(rest[3])))
            return failure("bad status code");  // bigcode: "4294967301"
        status_code_ = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        if (status_code_ < 100 || status_code_ > 699) return failure("bad status code");
        reason_ = rest.size() > 4 ? rest.substr(4) : std::string_view{};
        return {true, {}};
    }

    // Request-Line = Method SP Request-URI SP SIP-Version. Several spaces between the parts
    // (lwsstart) are tolerated; a URI that itself holds spaces (lwsruri) is kept whole so
    // requestUri() rejects it and the sender can still be answered with 400.
    if (!chars::isToken(first)) return failure("bad method");
    const size_t last_gap = chars::findLastWsp(text);
    const std::string_view version = text.substr(last_gap + 1);
    if (!looksLikeSipVersion(version)) return failure("bad SIP version");
    const std::string_view uri = chars::trimLws(text.substr(first_gap, last_gap - first_gap));
    if (uri.empty()) return failure("bad request line");
    is_request_ = true;
    method_ = first;
    request_uri_ = uri;
    version_ = version;
    return {true, {}};
}

ParseResult Message::parseHeaderFields(size_t pos, const ParseLimits &limits) {
    const std::string_view bytes = bytes_;
    Line line;
    while (true) {
        if (!readLine(bytes, pos, line)) return failure("no header terminator");
        if (line.empty()) break;
        if (chars::isWsp(bytes[line.begin])) {
            // A folded continuation: the previous value now runs to the end of this line.
            if (headers_.empty()) return failure("folded line without a header");
            Header &previous = headers_.back();
            const size_t value_begin = static_cast<size_t>(previous.value.data() - bytes.data());
            const size_t field_begin = static_cast<size_t>(previous.field.data() - bytes.data());
            previous.value = bytes.substr(value_begin, line.content_end - value_begin);
            previous.field = bytes.substr(field_begin, line.next - field_begin);
            pos = line.next;
            continue;
        }
        if (headers_.size() >= limits.max_headers) return failure("too many headers");
        // name = token, then optional white space ("Via  : ..." in wsinv), then the colon:
        // one pass over the name finds the colon and checks the name.
        size_t name_end = line.begin;
        while (name_end < line.content_end && chars::isTokenChar(bytes[name_end])) ++name_end;
        size_t colon = name_end;
        while (colon < line.content_end && chars::isWsp(bytes[colon])) ++colon;
        if (colon == line.content_end || bytes[colon] != ':' || name_end == line.begin) {
            const std::string_view content = bytes.substr(line.begin, line.content_end - line.begin);
            return failure(content.find(':') == std::string_view::npos ? "malformed header line" : "bad header name");
        }
        const std::string_view name = bytes.substr(line.begin, name_end - line.begin);
        headers_.push_back({.name = name,
                            .value = bytes.substr(colon + 1, line.content_end - colon - 1), // trimmed below
                            .field = bytes.substr(line.begin, line.next - line.begin),
                            .type = headerTypeOf(name)});
        pos = line.next;
    }
    for (Header &header : headers_) header.value = chars::trimLws(header.value);
    headers_end_ = line.begin;
    body_ = bytes.substr(line.next);  // parseBody() cuts it to Content-Length
    return {true, {}};
}

ParseResult Message::parseBody() {
    const Header *first = nullptr;
    long long declared = -1;
    for (const Header &header : headers_) {
        if (header.type != HeaderType::ContentLength) continue;
        const long long value = parseContentLength(header.value);
        if (first == nullptr) {
            first = &header;
            declared = value;
        } else if (value != declared || (value < 0 && header.value != first->value)) {
            return failure("conflicting Content-Length headers");  // mcl01
        }
    }
    // Absent or not a number: the body is the rest; sanity judges a bad Content-Length.
    if (first == nullptr || declared < 0) return {true, {}};
    if (static_cast<unsigned long long>(declared) > body_.size())
        return failure("Content-Length larger than body");  // clerr
    body_ = body_.substr(0, static_cast<size_t>(declared));  // dblreq: extra bytes dropped
    return {true, {}};
}

}  // namespace sipline::sip
