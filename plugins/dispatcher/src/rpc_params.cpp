#include "rpc_params.hpp"

#include <charconv>

namespace sipline::dispatcher {

std::optional<RpcParams> RpcParams::parse(std::string_view json_text) {
    RpcParams out;
    if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
    auto parsed = nlohmann::json::parse(json_text, nullptr, false);
    if (parsed.is_discarded()) return std::nullopt;
    if (parsed.is_null()) return out;
    if (!parsed.is_array()) return std::nullopt;
    out.values_ = std::move(parsed);
    return out;
}

std::optional<std::string> RpcParams::text(size_t i) const {
    if (i >= values_.size()) return std::nullopt;
    const auto &v = values_[i];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    return std::nullopt;
}

std::optional<int64_t> RpcParams::integer(size_t i) const {
    if (i >= values_.size()) return std::nullopt;
    const auto &v = values_[i];
    if (v.is_number_integer()) return v.get<int64_t>();
    if (!v.is_string()) return std::nullopt;
    const std::string s = v.get<std::string>();
    int64_t number = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), number);
    if (error != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return number;
}

}  // namespace sipline::dispatcher
