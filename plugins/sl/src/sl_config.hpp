// sl's configuration: the fallbacks for arguments that fail to evaluate, and the Server header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sipline::sl {

struct SlConfig {
    int64_t default_code = 500;                        // when the code argument cannot be evaluated
    std::string default_reason = "Internal Server Error"; // when the reason cannot be evaluated
    std::string server_header = "sipline";              // Server: value on every reply; "" = none
};

// From the configuration object; absent keys keep their defaults. Throws sdk::ConfigError
// for a wrong type, a code outside 100..699, an empty reason or text holding CR or LF.
SlConfig slConfigFromJson(std::string_view config_json);

}  // namespace sipline::sl
