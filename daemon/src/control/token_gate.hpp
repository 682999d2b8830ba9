// Authentication of control requests that arrive over TCP: each request object carries the
// shared token as its "auth" member (a batch: every element). Requests without the right token
// are answered with a JSON-RPC error and never reach a method. Transport-free, like the registry.
#pragma once

#include <string>
#include <string_view>

#include "control/method_registry.hpp"

namespace sipline::control {

// JSON-RPC server-defined error code for a missing or wrong token.
inline constexpr int kUnauthorized = -32001;

class TokenGate {
public:
    // token must not be empty; the registry must outlive the gate.
    TokenGate(const MethodRegistry &registry, std::string token);

    // Like MethodRegistry::handle, after checking and removing "auth". Malformed JSON still gets
    // the registry's parse error (it reveals nothing and runs nothing). Sets *refused when the
    // token was missing or wrong, so the caller can log it.
    std::string handle(std::string_view request_text, bool *refused = nullptr) const;

private:
    bool authorised(const nlohmann::json &request) const;

    const MethodRegistry &registry_;
    std::string token_;
};

}  // namespace sipline::control
