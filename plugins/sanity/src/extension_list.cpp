#include "extension_list.hpp"

#include <string>

#include "sip_chars.hpp"

namespace sipline::sanity {

std::optional<std::vector<std::string_view>> splitExtensionList(std::string_view text) {
    std::string_view rest = trimLws(text);
    if (rest.empty()) return std::nullopt;
    std::vector<std::string_view> items;
    while (true) {
        const size_t comma = rest.find(',');
        items.push_back(trimLws(rest.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return items;
}

std::optional<std::string_view> firstUnsupported(const std::vector<std::string_view> &requested,
                                                 const std::vector<std::string> &supported) {
    for (const std::string_view item : requested) {
        bool known = false;
        for (const std::string &extension : supported) known = known || item == extension;
        if (!known) return item;
    }
    return std::nullopt;
}

}  // namespace sipline::sanity
