// An item's name, stored inside the item when it is short (up to 23 bytes: IP addresses,
// typical keys), on the heap otherwise. A std::string keeps only 15 bytes inline, so a table
// of 16-byte keys paid a heap block per item on top of the item itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sipline::htable {

class CellName {
public:
    CellName() noexcept { setInlineSize(0); }
    CellName(std::string_view text) { assign(text); } // NOLINT: names convert implicitly
    CellName(const std::string &text) : CellName{std::string_view{text}} {}
    CellName(const char *text) : CellName{std::string_view{text}} {}
    CellName(const CellName &other) { assign(other.view()); }
    CellName(CellName &&other) noexcept { steal(other); }
    CellName &operator=(const CellName &other) {
        if (this != &other) {
            release();
            assign(other.view());
        }
        return *this;
    }
    CellName &operator=(CellName &&other) noexcept {
        if (this != &other) {
            release();
            steal(other);
        }
        return *this;
    }
    ~CellName() { release(); }

    std::string_view view() const noexcept {
        if (onHeap()) return {heapPointer(), heapSize()};
        return {bytes_, kInline - static_cast<unsigned char>(bytes_[kInline])};
    }
    operator std::string_view() const noexcept { return view(); } // NOLINT
    std::string str() const { return std::string{view()}; }

    friend bool operator==(const CellName &a, const CellName &b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const CellName &a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const CellName &a, const std::string &b) noexcept { return a.view() == b; }
    friend bool operator==(const CellName &a, const char *b) noexcept { return a.view() == b; }

private:
    static constexpr size_t kInline = 23;
    static constexpr unsigned char kHeapTag = 0xff; // in the last byte; inline sizes store 23 - size there

    bool onHeap() const noexcept { return static_cast<unsigned char>(bytes_[kInline]) == kHeapTag; }
    char *heapPointer() const noexcept {
        char *pointer;
        std::memcpy(&pointer, bytes_, sizeof pointer);
        return pointer;
    }
    size_t heapSize() const noexcept {
        size_t size;
        std::memcpy(&size, bytes_ + sizeof(char *), sizeof size);
        return size;
    }
    void setInlineSize(size_t size) noexcept { bytes_[kInline] = static_cast<char>(kInline - size); }
    void assign(std::string_view text) {
        if (text.size() <= kInline) {
            std::memcpy(bytes_, text.data(), text.size());
            setInlineSize(text.size());
            return;
        }
        char *pointer = new char[text.size()];
        std::memcpy(pointer, text.data(), text.size());
        const size_t size = text.size();
        std::memcpy(bytes_, &pointer, sizeof pointer);
        std::memcpy(bytes_ + sizeof pointer, &size, sizeof size);
        bytes_[kInline] = static_cast<char>(kHeapTag);
    }
    void steal(CellName &other) noexcept {
        std::memcpy(bytes_, other.bytes_, sizeof bytes_); // the heap block changes owner
        other.setInlineSize(0);
    }
    void release() noexcept {
        if (onHeap()) delete[] heapPointer();
        setInlineSize(0);
    }

    alignas(8) char bytes_[kInline + 1];
};

}  // namespace sipline::htable
