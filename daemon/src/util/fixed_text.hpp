// Text of bounded size built on the stack, for the short pieces a message path assembles and
// hands on as a string_view (an edit copies what it is given): no allocation per message.
#pragma once

#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace sipline::util {

template <size_t Capacity> class FixedText {
public:
    FixedText() = default;
    explicit FixedText(std::string_view text) { append(text); }

    // Callers size Capacity for the longest text they build; more is a programming error.
    FixedText &append(std::string_view text) {
        if (text.size() > Capacity - size_) throw std::length_error("FixedText: capacity exceeded");
        std::memcpy(text_ + size_, text.data(), text.size());
        size_ += text.size();
        return *this;
    }

    std::string_view view() const noexcept { return {text_, size_}; }
    operator std::string_view() const noexcept { return view(); }

private:
    char text_[Capacity];
    size_t size_ = 0;
};

}  // namespace sipline::util
