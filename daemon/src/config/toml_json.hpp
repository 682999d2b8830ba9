// TOML values cross the plugin ABI as JSON text: configuration, and JSON-kind arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

namespace sipline::config {

nlohmann::json tomlToJson(const toml::node &node);

}  // namespace sipline::config
