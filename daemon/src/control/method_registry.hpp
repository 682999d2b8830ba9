// The table of control methods and the JSON-RPC 2.0 processing of one request text.
// Transport-free: the control server feeds it lines, tests feed it strings.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "control/rpc_fault.hpp"

namespace sipline::control {

// params: the request's "params" (array, object, or null when absent). Throw RpcFault for errors.
using Handler = std::function<nlohmann::json(const nlohmann::json &params)>;

class MethodRegistry {
public:
    // Registers system.listMethods and system.methodHelp.
    MethodRegistry();
    // Not copyable or movable: the system.* handlers refer to this instance.
    MethodRegistry(const MethodRegistry &) = delete;
    MethodRegistry &operator=(const MethodRegistry &) = delete;

    // Start-up only (not synchronised with handle()). Throws std::invalid_argument on a duplicate
    // or empty name, or an empty handler.
    void add(std::string name, std::string help, Handler handler);
    bool contains(std::string_view name) const;
    std::vector<std::string> names() const; // sorted
    // Help text of a method, or nullptr when there is no such method.
    const std::string *help(std::string_view name) const;

    // Processes one request text (single or batch) and returns the compact response text, or ""
    // when nothing is to be answered (notifications). Never throws for bad input. Safe to call
    // concurrently; handlers then run concurrently too.
    std::string handle(std::string_view request_text) const;

private:
    struct Method {
        std::string help;
        Handler handler;
    };

    // Returns a null json when the request is a notification (no response).
    nlohmann::json handleOne(const nlohmann::json &request) const;

    std::map<std::string, Method, std::less<>> methods_;
};

}  // namespace sipline::control
