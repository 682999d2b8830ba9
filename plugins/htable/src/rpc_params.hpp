// The positional params of a control command, read with Kamailio's leniency: a key or a
// string value may arrive as a JSON number (siplinectl types "15" as one) and is used as
// its decimal text. Every refusal answers the call with JSON-RPC's "Invalid params".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <sipline/sdk.hpp>

namespace sipline::htable {

inline constexpr int32_t kInvalidParams = -32602;

class RpcParams {
public:
    // Answers the call with a fault and returns nullopt unless the params are an array of at
    // least `required` entries; `usage` names them, e.g. "table key value".
    static std::optional<RpcParams> read(sdk::RpcCall &call, size_t required, const char *usage);

    // Entry i as text (a string, or a number in decimal). Faults and returns nullopt otherwise.
    std::optional<std::string> text(sdk::RpcCall &call, size_t i, const char *what) const;
    // Entry i as an integer (a number, or a string holding one). Faults and returns nullopt
    // otherwise.
    std::optional<int64_t> integer(sdk::RpcCall &call, size_t i, const char *what) const;

private:
    explicit RpcParams(nlohmann::json params) : params_(std::move(params)) {} // not {}: that would wrap it in an array
    nlohmann::json params_;
};

}  // namespace sipline::htable
