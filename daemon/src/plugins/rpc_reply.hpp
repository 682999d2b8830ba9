// The answer a plugin's RPC handler writes through rpc_result / rpc_fault.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "control/rpc_fault.hpp"

struct sipline_rpc_reply {
    bool answered = false;
    bool is_fault = false;
    int code = 0;
    std::string text; // result JSON, or the fault message

    // The result as JSON, or throws RpcFault for a fault, a missing answer or invalid JSON.
    nlohmann::json take() const {
        if (!answered) throw sipline::control::RpcFault(-32603, "the plugin did not answer");
        if (is_fault) throw sipline::control::RpcFault(code, text);
        auto result = nlohmann::json::parse(text, nullptr, false);
        if (result.is_discarded()) throw sipline::control::RpcFault(-32603, "the plugin answered with invalid JSON");
        return result;
    }
};
