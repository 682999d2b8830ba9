#include "max_limit.hpp"

#include <nlohmann/json.hpp>
#include <sipline/sdk/cpp/host.hpp>

#include "max_forwards.hpp"

namespace sipline::maxfwd {
namespace {

using nlohmann::json;

bool isValidLimit(const json &value) noexcept {
    if (!value.is_number_integer()) return false;
    const auto limit = value.get<int64_t>();
    return limit >= 0 && limit <= kMaxValueLimit;
}

}  // namespace

int64_t maxLimitFromConfig(std::string_view config_json) {
    const json config = json::parse(config_json, nullptr, false);
    if (!config.is_object()) throw sdk::ConfigError{"maxfwd: the configuration is not a JSON object"};
    const auto found = config.find("max_limit");
    if (found == config.end()) return kDefaultMaxLimit;
    if (!isValidLimit(*found))
        throw sdk::ConfigError{"maxfwd: max_limit must be an integer in 0..255, got " + found->dump()};
    return found->get<int64_t>();
}

std::variant<int64_t, std::string> maxLimitFromRpcParams(std::string_view params_json) {
    const json params = json::parse(params_json, nullptr, false);
    if (!params.is_array() || params.size() != 1)
        return std::string{"expected params [max_limit], with max_limit an integer in 0..255"};
    if (!isValidLimit(params[0]))
        return "max_limit must be an integer in 0..255, got " + params[0].dump();
    return params[0].get<int64_t>();
}

std::string maxLimitJson(int64_t max_limit) { return json{{"max_limit", max_limit}}.dump(); }

}  // namespace sipline::maxfwd
