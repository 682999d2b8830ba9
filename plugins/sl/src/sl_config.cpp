#include "sl_config.hpp"

#include <nlohmann/json.hpp>
#include <sipline/sdk/cpp/host.hpp>

namespace sipline::sl {
namespace {

using nlohmann::json;

// A CR or LF in header text would let the configuration inject header lines into replies.
bool fitsOnOneLine(std::string_view text) noexcept {
    return text.find_first_of("\r\n") == std::string_view::npos;
}

std::string stringValue(const json &config, const char *key, std::string fallback) {
    const auto found = config.find(key);
    if (found == config.end()) return fallback;
    if (!found->is_string())
        throw sdk::ConfigError{std::string{"sl: "} + key + " must be a string, got " + found->dump()};
    auto text = found->get<std::string>();
    if (!fitsOnOneLine(text))
        throw sdk::ConfigError{std::string{"sl: "} + key + " must not contain CR or LF"};
    return text;
}

}  // namespace

SlConfig slConfigFromJson(std::string_view config_json) {
    const json config = json::parse(config_json, nullptr, false);
    if (!config.is_object()) throw sdk::ConfigError{"sl: the configuration is not a JSON object"};
    SlConfig result;
    if (const auto code = config.find("default_code"); code != config.end()) {
        if (!code->is_number_integer() || code->get<int64_t>() < 100 || code->get<int64_t>() > 699)
            throw sdk::ConfigError{"sl: default_code must be an integer in 100..699, got " +
                                   code->dump()};
        result.default_code = code->get<int64_t>();
    }
    result.default_reason = stringValue(config, "default_reason", result.default_reason);
    if (result.default_reason.empty()) throw sdk::ConfigError{"sl: default_reason must not be empty"};
    result.server_header = stringValue(config, "server_header", result.server_header);
    return result;
}

}  // namespace sipline::sl
