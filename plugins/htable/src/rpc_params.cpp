#include "rpc_params.hpp"

#include <charconv>

namespace sipline::htable {

std::optional<RpcParams> RpcParams::read(sdk::RpcCall &call, size_t required, const char *usage) {
    nlohmann::json params = nlohmann::json::parse(call.params(), nullptr, false);
    if (params.is_null()) params = nlohmann::json::array();
    if (!params.is_array()) {
        call.fault(kInvalidParams, std::string{"params must be an array: "} + usage);
        return std::nullopt;
    }
    if (params.size() < required) {
        call.fault(kInvalidParams, "expected " + std::to_string(required) + " param(s): " + usage + ", got " +
                                       std::to_string(params.size()));
        return std::nullopt;
    }
    return RpcParams{std::move(params)};
}

std::optional<std::string> RpcParams::text(sdk::RpcCall &call, size_t i, const char *what) const {
    const nlohmann::json &entry = params_[i];
    if (entry.is_string()) return entry.get<std::string>();
    if (entry.is_number_unsigned()) return std::to_string(entry.get<uint64_t>());
    if (entry.is_number_integer()) return std::to_string(entry.get<int64_t>());
    call.fault(kInvalidParams, std::string{what} + " must be a string, got " + entry.dump());
    return std::nullopt;
}

std::optional<int64_t> RpcParams::integer(sdk::RpcCall &call, size_t i, const char *what) const {
    const nlohmann::json &entry = params_[i];
    const bool fits = !entry.is_number_unsigned() || entry.get<uint64_t>() <= INT64_MAX;
    if (entry.is_number_integer() && fits) return entry.get<int64_t>();
    if (entry.is_string()) {
        const std::string text = entry.get<std::string>();
        int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc{} && end == text.data() + text.size() && !text.empty()) return value;
    }
    call.fault(kInvalidParams, std::string{what} + " must be an integer, got " + entry.dump());
    return std::nullopt;
}

}  // namespace sipline::htable
