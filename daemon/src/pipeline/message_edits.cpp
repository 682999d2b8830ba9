#include "pipeline/message_edits.hpp"

#include <algorithm>

namespace sipline::pipeline {

void MessageEdits::replace(size_t begin, size_t end, std::string_view text, int order) {
    edits_.push_back(Edit{begin, end, order, edits_.size(), texts_.size(), text.size()});
    texts_.insert(texts_.end(), text.begin(), text.end());
}

void MessageEdits::truncate(size_t count) {
    if (count >= edits_.size()) return;
    texts_.resize(edits_[count].text_at); // texts are appended in the order of their edits
    edits_.resize(count);
}

std::string MessageEdits::apply(std::string_view original) const {
    std::string out;
    applyTo(original, out);
    return out;
}

void MessageEdits::applyTo(std::string_view original, std::string &out) const {
    out.clear();
    out.reserve(original.size() + 256);
    if (edits_.empty()) {
        out.append(original);
        return;
    }
    boost::container::small_vector<const Edit *, kInlineEdits> sorted;
    for (const auto &e : edits_) sorted.push_back(&e);
    // A total order (the sequence breaks every tie), so std::sort is as good as a stable sort,
    // and it needs no temporary buffer.
    std::sort(sorted.begin(), sorted.end(), [](const Edit *a, const Edit *b) {
        if (a->begin != b->begin) return a->begin < b->begin;
        const bool a_inserts = a->begin == a->end, b_inserts = b->begin == b->end;
        if (a_inserts != b_inserts) return a_inserts; // insertions before a replacement there
        if (a->order != b->order) return a->order < b->order;
        return a->sequence < b->sequence;
    });
    size_t position = 0;
    for (const Edit *e : sorted) {
        if (e->begin < position) continue; // overlaps an earlier replacement: dropped
        const size_t end = std::min(e->end, original.size());
        out.append(original.substr(position, e->begin - position));
        out.append(texts_.data() + e->text_at, e->text_size);
        position = std::max(position, end);
    }
    out.append(original.substr(std::min(position, original.size())));
}

}  // namespace sipline::pipeline
