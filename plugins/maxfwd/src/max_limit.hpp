// The max_limit parameter in its three textual forms: the plugin configuration, the params of
// maxfwd.set_limit and the result of maxfwd.get_limit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace sipline::maxfwd {

inline constexpr int64_t kDefaultMaxLimit = 70;

// From the configuration object ({"max_limit": 70}); absent means the default.
// Throws sdk::ConfigError when the value is not an integer in 0..255.
int64_t maxLimitFromConfig(std::string_view config_json);

// From set_limit's JSON-RPC params, which must be [N] with N in 0..255.
// Returns the limit, or the message of a -32602 fault.
std::variant<int64_t, std::string> maxLimitFromRpcParams(std::string_view params_json);

// {"max_limit":N}
std::string maxLimitJson(int64_t max_limit);

}  // namespace sipline::maxfwd
