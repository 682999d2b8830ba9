#include "message_fields.hpp"

#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

// One line: [begin, content_end) is its text without CR LF; next is where the next one starts.
struct Line {
    size_t begin = 0;
    size_t content_end = 0;
    size_t next = 0;
    bool empty() const noexcept { return content_end == begin; }
};

// A last line without LF runs to the end of the bytes (the core refuses such messages; a
// fake host or the fuzzer may still hand one over).
Line readLine(std::string_view bytes, size_t pos) noexcept {
    Line line;
    line.begin = pos;
    const size_t line_feed = bytes.find('\n', pos);
    if (line_feed == std::string_view::npos) {
        line.content_end = line.next = bytes.size();
        return line;
    }
    line.next = line_feed + 1;
    line.content_end = (line_feed > pos && bytes[line_feed - 1] == '\r') ? line_feed - 1 : line_feed;
    return line;
}

std::string_view trimTrailingWsp(std::string_view text) noexcept {
    while (!text.empty() && isWsp(text.back())) text.remove_suffix(1);
    return text;
}

// Plain loops: string_view's find_first_of / find_last_of call memchr once per character.
size_t firstWsp(std::string_view text) noexcept {
    for (size_t i = 0; i < text.size(); ++i)
        if (isWsp(text[i])) return i;
    return std::string_view::npos;
}

size_t lastWsp(std::string_view text) noexcept {
    for (size_t i = text.size(); i-- > 0;)
        if (isWsp(text[i])) return i;
    return std::string_view::npos;
}

bool startsWithSipVersion(std::string_view text) noexcept {
    return text.size() >= 4 && equalsIgnoreCase(text.substr(0, 4), "SIP/");
}

}  // namespace

size_t MessageFields::readStartLine() {
    size_t pos = 0;
    while (pos < raw_.size() && (raw_[pos] == '\r' || raw_[pos] == '\n')) ++pos; // RFC 3261 7.5
    if (pos >= raw_.size()) return std::string_view::npos;
    const Line start = readLine(raw_, pos);
    start_line_.text = raw_.substr(start.begin, start.content_end - start.begin);
    splitStartLine();
    return start.next;
}

MessageFields::MessageFields(std::string_view raw, std::span<const sipline_header_field_t> split) : raw_{raw} {
    first_index_.fill(kAbsent);
    const size_t block_begin = readStartLine();
    if (block_begin == std::string_view::npos) return;
    auto view = [](sipline_str_t s) { return std::string_view{s.data, s.len}; };
    fields_.reserve(split.size());
    for (const sipline_header_field_t &from : split) {
        // The kind first, so that the field is written once, straight into its slot.
        const std::string_view name = view(from.name);
        const HeaderKind kind = headerKindOf(name);
        addField({.name = name, .value = view(from.value), .whole = view(from.field), .kind = kind});
    }
    // The empty line follows the last field (or the start line when there is none).
    size_t block_end = block_begin;
    if (!split.empty()) block_end = static_cast<size_t>(split.back().field.data - raw.data()) + split.back().field.len;
    header_block_ = raw.substr(block_begin, block_end - block_begin);
    const Line empty = readLine(raw, block_end);
    has_body_separator_ = block_end < raw.size() && empty.empty();
    if (has_body_separator_) raw_body_ = raw.substr(empty.next);
}

MessageFields::MessageFields(std::string_view raw) : raw_{raw} {
    first_index_.fill(kAbsent);
    const size_t block_begin = readStartLine();
    if (block_begin == std::string_view::npos) return;

    size_t block_end = raw.size();
    size_t pos = block_begin;
    while (pos < raw.size()) {
        const Line line = readLine(raw, pos);
        if (line.empty()) {
            block_end = line.begin;
            raw_body_ = raw.substr(line.next);
            has_body_separator_ = true;
            break;
        }
        const std::string_view content = raw.substr(line.begin, line.content_end - line.begin);
        if (isWsp(content.front()) && !fields_.empty()) {
            // A folded continuation: the previous field now runs to the end of this line.
            HeaderField &previous = fields_.back();
            const size_t value_begin = static_cast<size_t>(previous.value.data() - raw.data());
            const size_t whole_begin = static_cast<size_t>(previous.whole.data() - raw.data());
            previous.value = raw.substr(value_begin, line.content_end - value_begin);
            previous.whole = raw.substr(whole_begin, line.next - whole_begin);
        } else {
            HeaderField field;
            const size_t colon = content.find(':');
            field.name = trimTrailingWsp(content.substr(0, colon == std::string_view::npos ? 0 : colon));
            field.well_formed = colon != std::string_view::npos && isToken(field.name);
            field.value = colon == std::string_view::npos ? content.substr(content.size())
                                                          : content.substr(colon + 1);
            field.whole = raw.substr(line.begin, line.next - line.begin);
            field.kind = field.well_formed ? headerKindOf(field.name) : HeaderKind::Other;
            addField(field);
        }
        pos = line.next;
    }
    for (HeaderField &field : fields_) field.value = trimLws(field.value);
    if (block_end < block_begin) block_end = block_begin;
    header_block_ = raw.substr(block_begin, block_end - block_begin);
}

void MessageFields::splitStartLine() {
    const std::string_view text = trimTrailingWsp(start_line_.text);
    if (startsWithSipVersion(text)) return; // a status line: nothing sanity reads
    const size_t first_gap = firstWsp(text);
    if (first_gap == std::string_view::npos) {
        start_line_.method = text;
        return;
    }
    start_line_.method = text.substr(0, first_gap);
    const size_t last_gap = lastWsp(text);
    start_line_.version = text.substr(last_gap + 1);
    start_line_.uri = trimLws(text.substr(first_gap, last_gap - first_gap));
}

const HeaderField *MessageFields::scanFirst(HeaderKind kind) const noexcept {
    for (const HeaderField &field : fields_)
        if (field.kind == kind) return &field;
    return nullptr;
}

void MessageFields::addField(const HeaderField &field) {
    const size_t index = fields_.size();
    const auto kind = static_cast<size_t>(field.kind);
    if (counts_[kind]++ == 0 && index < kAbsent) first_index_[kind] = static_cast<uint8_t>(index);
    fields_.push_back(field);
}

}  // namespace sipline::sanity
