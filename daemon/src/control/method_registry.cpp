#include "control/method_registry.hpp"

#include <exception>
#include <stdexcept>
#include <utility>

namespace sipline::control {
namespace {
using nlohmann::json;

json errorResponse(int code, std::string_view message, const json &id) {
    return json{{"jsonrpc", "2.0"}, {"error", {{"code", code}, {"message", message}}}, {"id", id}};
}

// JSON-RPC 2.0 allows a string, a number or null as id.
bool validId(const json &id) { return id.is_string() || id.is_number() || id.is_null(); }

// Handlers may put arbitrary bytes into strings; replace invalid UTF-8 rather than fail the reply.
std::string dump(const json &value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string methodNameParam(const json &params) {
    if (params.is_array() && params.size() == 1 && params[0].is_string())
        return params[0].get<std::string>();
    if (params.is_object() && params.size() == 1 && params.contains("name") &&
        params["name"].is_string())
        return params["name"].get<std::string>();
    throw RpcFault{kInvalidParams, "expected params [method name]"};
}
}  // namespace

MethodRegistry::MethodRegistry() {
    add("system.listMethods", "List the names of all control methods.",
        [this](const json &) { return json(names()); });
    add("system.methodHelp", "Show the help text of a method. Params: [method name].",
        [this](const json &params) {
            const std::string name = methodNameParam(params);
            const std::string *text = help(name);
            if (!text) throw RpcFault{kInvalidParams, "no such method: " + name};
            return json(*text);
        });
}

void MethodRegistry::add(std::string name, std::string help, Handler handler) {
    if (name.empty()) throw std::invalid_argument{"control method name is empty"};
    if (!handler) throw std::invalid_argument{"control method " + name + " has no handler"};
    if (methods_.contains(name))
        throw std::invalid_argument{"control method " + name + " is already registered"};
    methods_.emplace(std::move(name), Method{std::move(help), std::move(handler)});
}

bool MethodRegistry::contains(std::string_view name) const { return methods_.contains(name); }

std::vector<std::string> MethodRegistry::names() const {
    std::vector<std::string> out;
    out.reserve(methods_.size());
    for (const auto &entry : methods_) out.push_back(entry.first); // std::map: already sorted
    return out;
}

const std::string *MethodRegistry::help(std::string_view name) const {
    const auto it = methods_.find(name);
    return it == methods_.end() ? nullptr : &it->second.help;
}

std::string MethodRegistry::handle(std::string_view request_text) const {
    json request = json::parse(request_text, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) return dump(errorResponse(kParseError, "Parse error", nullptr));

    if (!request.is_array()) {
        json response = handleOne(request);
        return response.is_null() ? std::string{} : dump(response);
    }
    if (request.empty()) return dump(errorResponse(kInvalidRequest, "Invalid Request", nullptr));
    json responses = json::array();
    for (const json &item : request) {
        json response = handleOne(item);
        if (!response.is_null()) responses.push_back(std::move(response));
    }
    // A batch of notifications only gets no response at all (JSON-RPC 2.0 section 6).
    return responses.empty() ? std::string{} : dump(responses);
}

json MethodRegistry::handleOne(const json &request) const {
    if (!request.is_object()) return errorResponse(kInvalidRequest, "Invalid Request", nullptr);
    const auto id_it = request.find("id");
    const bool notification = id_it == request.end();
    const json id = notification ? json(nullptr) : *id_it;
    if (!validId(id)) return errorResponse(kInvalidRequest, "Invalid Request", nullptr);

    const auto version = request.find("jsonrpc");
    const auto method = request.find("method");
    const auto params = request.find("params");
    const bool valid = version != request.end() && *version == "2.0" &&
                       method != request.end() && method->is_string() &&
                       (params == request.end() || params->is_array() || params->is_object());
    // Malformed requests are answered even without an id: the sender cannot be trusted to have
    // meant a notification.
    if (!valid) return errorResponse(kInvalidRequest, "Invalid Request", id);

    const auto &name = method->get_ref<const std::string &>();
    const auto entry = methods_.find(name);
    json result;
    if (entry == methods_.end()) {
        if (notification) return nullptr;
        return errorResponse(kMethodNotFound, "Method not found: " + name, id);
    }
    try {
        result = entry->second.handler(params == request.end() ? json(nullptr) : *params);
    } catch (const RpcFault &fault) {
        return notification ? json(nullptr) : errorResponse(fault.code, fault.what(), id);
    } catch (const std::exception &e) {
        return notification ? json(nullptr) : errorResponse(kInternalError, e.what(), id);
    } catch (...) {
        return notification ? json(nullptr) : errorResponse(kInternalError, "internal error", id);
    }
    if (notification) return nullptr;
    return json{{"jsonrpc", "2.0"}, {"result", std::move(result)}, {"id", id}};
}

}  // namespace sipline::control
