#include "control/token_gate.hpp"

#include <stdexcept>

namespace sipline::control {
namespace {
using nlohmann::json;

// Compares in time that depends on the lengths only, so a remote caller cannot find the token
// byte by byte from response times.
bool sameSecret(std::string_view given, std::string_view expected) {
    unsigned char difference = given.size() == expected.size() ? 0 : 1;
    for (size_t i = 0; i < expected.size(); ++i)
        difference |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
    return difference == 0;
}

std::string unauthorised(const json &request) {
    json id = nullptr;
    if (request.is_object())
        if (auto it = request.find("id"); it != request.end() && (it->is_string() || it->is_number())) id = *it;
    return json{{"jsonrpc", "2.0"},
                {"error", {{"code", kUnauthorized}, {"message", "Unauthorized: missing or wrong \"auth\" token"}}},
                {"id", id}}
        .dump();
}
}  // namespace

TokenGate::TokenGate(const MethodRegistry &registry, std::string token)
    : registry_{registry}, token_{std::move(token)} {
    if (token_.empty()) throw std::invalid_argument{"control TCP listener needs a token"};
}

bool TokenGate::authorised(const json &request) const {
    if (!request.is_object()) return false;
    const auto auth = request.find("auth");
    return auth != request.end() && auth->is_string() && sameSecret(auth->get_ref<const std::string &>(), token_);
}

std::string TokenGate::handle(std::string_view request_text, bool *refused) const {
    if (refused) *refused = false;
    json request = json::parse(request_text, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) return registry_.handle(request_text);

    bool ok = request.is_array() ? !request.empty() : authorised(request);
    if (request.is_array())
        for (const json &item : request) ok = ok && authorised(item);
    if (!ok) {
        if (refused) *refused = true;
        return unauthorised(request);
    }
    if (request.is_array())
        for (json &item : request) item.erase("auth");
    else
        request.erase("auth");
    return registry_.handle(request.dump());
}

}  // namespace sipline::control
