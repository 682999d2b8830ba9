#include "pipeline/value.hpp"

#include <charconv>

namespace sipline::pipeline {

std::optional<int64_t> Value::asInt() const noexcept {
    if (kind == Kind::Int) return integer;
    if (kind != Kind::Str || text.empty()) return std::nullopt;
    std::string_view t = text;
    if (t.front() == '+') t.remove_prefix(1);
    int64_t out = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec != std::errc{} || end != t.data() + t.size()) return std::nullopt;
    return out;
}

}  // namespace sipline::pipeline
