// Edits recorded against a received message and applied when it is sent (Kamailio's "lumps",
// made safe): views into the received bytes stay valid while the pipeline runs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/container/small_vector.hpp>

namespace sipline::pipeline {

class MessageEdits {
public:
    // Replace bytes [begin, end) of the original with text. Insertion when begin == end.
    // Among edits at the same position, lower `order` comes first (the added Via must be the
    // topmost header).
    void replace(size_t begin, size_t end, std::string_view text, int order = 1);
    void insert(size_t at, std::string_view text, int order = 1) { replace(at, at, text, order); }

    bool empty() const noexcept { return edits_.empty(); }
    size_t size() const noexcept { return edits_.size(); }
    // Forget the edits recorded after the first `count` (undo a forward's own edits).
    void truncate(size_t count);
    void clear() noexcept {
        edits_.clear();
        texts_.clear();
    }

    // The original with every edit applied. Overlapping replacements: the first recorded wins.
    std::string apply(std::string_view original) const;
    void applyTo(std::string_view original, std::string &out) const;

private:
    struct Edit {
        size_t begin, end;
        int order;
        size_t sequence;
        size_t text_at, text_size; // in texts_
    };
    // Inline room for a forward's usual edits and their text: recording them allocates
    // nothing (a message is edited on every hop; this is the hot path).
    static constexpr size_t kInlineEdits = 8;
    boost::container::small_vector<Edit, kInlineEdits> edits_;
    boost::container::small_vector<char, 512> texts_;
};

}  // namespace sipline::pipeline
