// The received bytes split the way Kamailio's parser walks them: the start line, then each
// header field in order (folded lines joined), then the body. Nothing is copied.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <boost/container/small_vector.hpp>
#include <sipline/sdk/host.h>

#include "header_kind.hpp"

namespace sipline::sanity {

struct HeaderField {
    std::string_view name;  // as written
    std::string_view value; // LWS-trimmed; a folded value keeps its inner CRLF+WSP
    std::string_view whole; // name through the line end of its last line (Kamailio's hf->len)
    HeaderKind kind = HeaderKind::Other;
    bool well_formed = true; // false: no colon or a bad name (Kamailio's HDR_ERROR_T)
};

struct StartLine {
    std::string_view text;    // without the line end
    std::string_view method;  // requests only
    std::string_view uri;     // requests only, as written
    std::string_view version; // requests: the SIP-Version token ("SIP/2.0")
};

class MessageFields {
public:
    explicit MessageFields(std::string_view raw);
    // From the daemon's split of the same bytes (the SDK's msg_header_fields): the same result
    // as splitting `raw` (the daemon delivers only messages whose every field has a token
    // name, a colon and an end of headers), without reading the header bytes again. The
    // split's views point into `raw`.
    MessageFields(std::string_view raw, std::span<const sipline_header_field_t> split);

    std::string_view raw() const noexcept { return raw_; }
    const StartLine &startLine() const noexcept { return start_line_; }
    std::span<const HeaderField> fields() const noexcept { return {fields_.data(), fields_.size()}; }
    // From the first header field to the end of the last one (Kamailio's size_headers span).
    std::string_view headerBlock() const noexcept { return header_block_; }
    // Everything after the empty line: the body as received, before any Content-Length cut.
    std::string_view rawBody() const noexcept { return raw_body_; }
    // An empty line ends the header fields (Kamailio's get_body finds the body).
    bool hasBodySeparator() const noexcept { return has_body_separator_; }

    // Both O(1): the checks ask for the same few kinds again and again.
    const HeaderField *first(HeaderKind kind) const noexcept {
        const uint8_t index = first_index_[static_cast<size_t>(kind)];
        if (index != kAbsent) return &fields_[index];
        return count(kind) ? scanFirst(kind) : nullptr;
    }
    size_t count(HeaderKind kind) const noexcept { return counts_[static_cast<size_t>(kind)]; }
    // Index of a field in fields(), for comparisons with the parse progress.
    size_t indexOf(const HeaderField &field) const noexcept {
        return static_cast<size_t>(&field - fields_.data());
    }

private:
    // Skips leading empty lines and reads the start line; the offset after it (npos: no bytes).
    size_t readStartLine();
    void splitStartLine();
    // Appends a field and indexes its kind (a folded line changes a field, never its kind).
    void addField(const HeaderField &field);
    const HeaderField *scanFirst(HeaderKind kind) const noexcept;

    // The first field of a kind is indexed when it is among the first 255; a later one (only
    // in a message with hundreds of fields) is found by a scan.
    static constexpr uint8_t kAbsent = 255;

    std::string_view raw_;
    StartLine start_line_;
    // A typical message's fields live inside the object: no heap allocation per message.
    boost::container::small_vector<HeaderField, 32> fields_;
    std::string_view header_block_;
    std::string_view raw_body_;
    bool has_body_separator_ = false;
    std::array<uint8_t, static_cast<size_t>(HeaderKind::Count_)> first_index_{};
    std::array<uint32_t, static_cast<size_t>(HeaderKind::Count_)> counts_{};
};

}  // namespace sipline::sanity
