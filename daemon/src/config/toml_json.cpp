#include "config/toml_json.hpp"

namespace sipline::config {

nlohmann::json tomlToJson(const toml::node &node) {
    if (auto *s = node.as_string()) return s->get();
    if (auto *i = node.as_integer()) return i->get();
    if (auto *f = node.as_floating_point()) return f->get();
    if (auto *b = node.as_boolean()) return b->get();
    if (auto *a = node.as_array()) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto &item : *a) out.push_back(tomlToJson(item));
        return out;
    }
    if (auto *t = node.as_table()) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto &[key, value] : *t) out[std::string{key.str()}] = tomlToJson(value);
        return out;
    }
    return nullptr; // dates and times: no parameter uses them
}

}  // namespace sipline::config
