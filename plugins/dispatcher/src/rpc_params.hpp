// Positional JSON-RPC params as the control interface passes them (a JSON array), read
// leniently: siplinectl sends "1" as a number, so text params accept numbers and vice versa.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sipline::dispatcher {

class RpcParams {
public:
    // nullopt when the text is neither empty, an array, nor an object-free JSON value.
    static std::optional<RpcParams> parse(std::string_view json_text);

    size_t size() const noexcept { return values_.size(); }
    std::optional<std::string> text(size_t i) const;
    std::optional<int64_t> integer(size_t i) const;

private:
    nlohmann::json values_ = nlohmann::json::array();
};

}  // namespace sipline::dispatcher
