// Scratch memory for one message run: bump allocation from a buffer that is reused for the
// next message, so the fast path does not touch the heap. Overflow falls back to chunks that
// are released on reset().
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace sipline::util {

class Arena {
public:
    // 4 KiB holds a typical route's strings; a transaction with a failure route keeps its
    // run's arena alive, so this is also memory per such call.
    explicit Arena(size_t initial_bytes = 4 * 1024) : buffer_(new char[initial_bytes]), capacity_{initial_bytes} {}
    Arena(const Arena &) = delete;
    Arena &operator=(const Arena &) = delete;

    void *allocate(size_t size, size_t align = alignof(std::max_align_t)) {
        size_t start = (used_ + align - 1) & ~(align - 1);
        if (start + size <= capacity_) {
            used_ = start + size;
            return buffer_.get() + start;
        }
        overflow_.emplace_back(new char[size + align]);
        auto address = reinterpret_cast<uintptr_t>(overflow_.back().get());
        return reinterpret_cast<void *>((address + align - 1) & ~(uintptr_t)(align - 1));
    }

    std::string_view copy(std::string_view text) {
        if (text.empty()) return {};
        char *out = static_cast<char *>(allocate(text.size(), 1));
        std::memcpy(out, text.data(), text.size());
        return {out, text.size()};
    }

    void reset() noexcept {
        used_ = 0;
        overflow_.clear();
    }

private:
    std::unique_ptr<char[]> buffer_;
    size_t capacity_;
    size_t used_ = 0;
    std::vector<std::unique_ptr<char[]>> overflow_;
};

}  // namespace sipline::util
