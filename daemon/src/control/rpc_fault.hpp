// The error a control method throws to answer with a specific JSON-RPC error code.
#pragma once

#include <stdexcept>
#include <string>

namespace sipline::control {

// JSON-RPC 2.0 reserved codes; methods may also use their own (-32000..-32099 or positive).
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;

struct RpcFault : std::runtime_error {
    int code;
    RpcFault(int code, std::string message) : std::runtime_error{std::move(message)}, code{code} {}
};

}  // namespace sipline::control
