#include "reply_codes.hpp"

#include <charconv>

namespace sipline::dispatcher {

bool ReplyCodes::accepts(int status) const noexcept {
    return (status >= 200 && status < 300) || codes.count(status) > 0 || classes.count(status / 100) > 0;
}

std::optional<ReplyCodes> parseReplyCodes(std::string_view text, std::string *why) {
    ReplyCodes out;
    while (!text.empty()) {
        const size_t semi = text.find(';');
        std::string_view item = text.substr(0, semi);
        text.remove_prefix(semi == std::string_view::npos ? text.size() : semi + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item.empty()) continue;
        const size_t eq = item.find('=');
        const std::string_view name = item.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : item.substr(eq + 1);
        int number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        const bool numeric = error == std::errc{} && end == value.data() + value.size() && !value.empty();
        if (name == "code" && numeric && number >= 100 && number <= 699) out.codes.insert(number);
        else if (name == "class" && numeric && number >= 1 && number <= 6) out.classes.insert(number);
        else {
            if (why) *why = "ping_reply_codes: '" + std::string{item} + "' is not code=100..699 or class=1..6";
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace sipline::dispatcher
