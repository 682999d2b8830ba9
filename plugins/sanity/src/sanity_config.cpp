#include "sanity_config.hpp"

#include <nlohmann/json.hpp>
#include <sipline/sdk/cpp/host.hpp>

#include "extension_list.hpp"

namespace sipline::sanity {
namespace {

using nlohmann::json;

constexpr int64_t kMaxSizeLimit = 1 << 30; // a limit beyond any message the core accepts

std::string label(std::string_view key) { return "sanity: " + std::string{key}; }

// Kamailio's int flags, written in TOML as true/false or 0/1.
bool flagFrom(const json &value, std::string_view key) {
    if (value.is_boolean()) return value.get<bool>();
    if (value.is_number_integer() && (value.get<int64_t>() == 0 || value.get<int64_t>() == 1))
        return value.get<int64_t>() == 1;
    throw sdk::ConfigError{label(key) + " must be true or false (or 0/1), got " + value.dump()};
}

uint32_t sizeFrom(const json &value, std::string_view key) {
    if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > kMaxSizeLimit)
        throw sdk::ConfigError{label(key) + " must be an integer in 0.." + std::to_string(kMaxSizeLimit) +
                               " (0 disables it), got " + value.dump()};
    return static_cast<uint32_t>(value.get<int64_t>());
}

// Kamailio's "foo, bar" string, or a TOML list of extension names.
std::vector<std::string> extensionsFrom(const json &value) {
    std::vector<std::string> out;
    if (value.is_string()) {
        const std::string text = value.get<std::string>(); // the items view into it
        if (const auto items = splitExtensionList(text))
            for (const std::string_view item : *items) out.emplace_back(item);
        return out;
    }
    if (value.is_array()) {
        for (const json &item : value) {
            if (!item.is_string())
                throw sdk::ConfigError{label("proxy_require") + " must list strings, got " + item.dump()};
            out.push_back(item.get<std::string>());
        }
        return out;
    }
    throw sdk::ConfigError{label("proxy_require") +
                           " must be a comma-separated string or a list of strings, got " + value.dump()};
}

void readSizes(const json &config, SizeLimits &sizes) {
    const std::pair<const char *, uint32_t *> keys[] = {
        {"size_message", &sizes.message},         {"size_headers", &sizes.headers},
        {"size_body", &sizes.body},               {"size_header", &sizes.header},
        {"size_method", &sizes.method},           {"size_ruri", &sizes.ruri},
        {"size_from_uri", &sizes.from_uri},       {"size_to_uri", &sizes.to_uri},
        {"size_contact_uri", &sizes.contact_uri}, {"size_route_uri", &sizes.route_uri},
        {"size_path_uri", &sizes.path_uri},       {"size_pai_uri", &sizes.pai_uri},
    };
    for (const auto &[key, slot] : keys)
        if (const auto found = config.find(key); found != config.end()) *slot = sizeFrom(*found, key);
}

}  // namespace

SanityConfig sanityConfigFromJson(std::string_view config_json) {
    const json config = json::parse(config_json, nullptr, false);
    if (!config.is_object()) throw sdk::ConfigError{"sanity: the configuration is not a JSON object"};
    SanityConfig out;
    if (const auto found = config.find("default_checks"); found != config.end())
        out.default_checks = maskFromJson(found->dump(), MaskKind::Message, label("default_checks"));
    if (const auto found = config.find("uri_checks"); found != config.end())
        out.uri_checks = maskFromJson(found->dump(), MaskKind::Uri, label("uri_checks"));
    if (const auto found = config.find("proxy_require"); found != config.end())
        out.proxy_require = extensionsFrom(*found);
    if (const auto found = config.find("autodrop"); found != config.end())
        out.autodrop = flagFrom(*found, "autodrop");
    if (const auto found = config.find("noreply"); found != config.end())
        out.noreply = flagFrom(*found, "noreply");
    if (const auto found = config.find("size_checks"); found != config.end())
        out.size_checks = flagFrom(*found, "size_checks");
    readSizes(config, out.sizes);
    return out;
}

}  // namespace sipline::sanity
