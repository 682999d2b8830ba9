// How far Kamailio's header parser gets through a message. It parses header fields in order
// and fully parses some of them on sight (Via, CSeq, To, Content-Length, Retry-After); the
// first one that fails stops it for good. So whether parse_headers(msg, flags) succeeds
// depends on whether a broken field comes before the fields asked for - which is what decides
// between sanity's "no reply", "Bad Headers" and a precise reply. This class answers that.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "cseq.hpp"
#include "header_kind.hpp"
#include "message_fields.hpp"
#include "via.hpp"

namespace sipline::sanity {

// Does Kamailio's get_hdr_field accept this field (its eager parse included)?
bool parsesOnSight(const HeaderField &field);

// The first field of one kind, parsed when first asked and kept (nullopt: absent or broken).
template <class Value> class FirstFieldValue {
public:
    template <class Parse>
    const std::optional<Value> &get(const MessageFields &fields, HeaderKind kind, Parse parse) const {
        if (!parsed_) {
            if (const HeaderField *field = fields.first(kind)) value_ = parse(field->value);
            parsed_ = true;
        }
        return value_;
    }

private:
    mutable bool parsed_ = false;
    mutable std::optional<Value> value_;
};

class HeaderParseProgress {
public:
    static constexpr size_t kNone = static_cast<size_t>(-1);

    explicit HeaderParseProgress(const MessageFields &fields);

    // parse_headers(msg, wanted): true unless a failing field comes before the first field of
    // every wanted kind was seen (or anywhere, when a wanted kind is absent).
    bool reaches(HeaderKindSet wanted) const noexcept {
        // Every wanted kind was seen before the parser stopped, or it never stopped.
        return first_failing_ == kNone || seen_before_failing_.containsAll(wanted);
    }
    // parse_headers(msg, HDR_EOH_F): every field parses.
    bool reachesEnd() const noexcept { return first_failing_ == kNone; }
    // Kamailio sets msg->from, msg->to, ... for the first field of a kind it got to.
    const HeaderField *found(HeaderKind kind) const noexcept {
        const HeaderField *field = fields_.first(kind);
        if (field == nullptr) return nullptr;
        return fields_.indexOf(*field) < first_failing_ ? field : nullptr;
    }
    // The first Via field parsed (nullopt when absent or broken). Several checks read it and
    // the walk above parses it too: once per message, not once per reader.
    const std::optional<ViaValue> &firstVia() const {
        return first_via_.get(fields_, HeaderKind::Via, [](std::string_view value) { return parseVia(value); });
    }
    // The first CSeq field parsed, the same way (cseq_method and cseq_value both read it).
    const std::optional<CSeqValue> &firstCSeq() const {
        return first_cseq_.get(fields_, HeaderKind::CSeq, [](std::string_view value) { return parseCSeq(value); });
    }

private:
    bool parsesOnSightCached(const HeaderField &field) const;

    const MessageFields &fields_;
    size_t first_failing_ = kNone;
    HeaderKindSet seen_before_failing_; // the kinds of the fields before first_failing_
    FirstFieldValue<ViaValue> first_via_;
    FirstFieldValue<CSeqValue> first_cseq_;
};

}  // namespace sipline::sanity
