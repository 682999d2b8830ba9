// The [plugins.sanity] parameters, read once from the configuration JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check_set.hpp"

namespace sipline::sanity {

// Limits of the sizes check (65536, Kamailio master); 0 skips one.
struct SizeLimits {
    uint32_t message = 16384;
    uint32_t headers = 8192;
    uint32_t body = 8192;
    uint32_t header = 2048;
    uint32_t method = 32;
    uint32_t ruri = 256;
    uint32_t from_uri = 256;
    uint32_t to_uri = 256;
    uint32_t contact_uri = 256;
    uint32_t route_uri = 256;
    uint32_t path_uri = 256;
    uint32_t pai_uri = 256;
};

struct SanityConfig {
    uint32_t default_checks = kDefaultMessageChecks;
    uint32_t uri_checks = kDefaultUriChecks;
    std::vector<std::string> proxy_require; // extensions this proxy supports
    bool autodrop = true;    // a failed check returns 0 (stop) instead of -1
    bool noreply = false;    // keep the reply for sanity.reply() instead of sending it
    bool size_checks = false; // run the sizes check on every call
    SizeLimits sizes;
};

// Throws sdk::ConfigError ("sanity: <param> ...") for a value out of range or of the wrong type.
SanityConfig sanityConfigFromJson(std::string_view config_json);

}  // namespace sipline::sanity
