#include "attrs.hpp"

#include <charconv>

namespace sipline::dispatcher {
namespace {

int number(std::string_view text) noexcept {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() ? value : 0;
}

// Kamailio: weight and rweight outside 1..100 are ignored (0).
int percent(std::string_view text) noexcept {
    const int value = number(text);
    return value >= 1 && value <= 100 ? value : 0;
}

template <class Fn> void forEachPair(std::string_view body, Fn &&fn) {
    while (!body.empty()) {
        const size_t semi = body.find(';');
        const std::string_view pair = body.substr(0, semi);
        const size_t eq = pair.find('=');
        if (!pair.empty()) fn(pair.substr(0, eq), eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (semi == std::string_view::npos) break;
        body.remove_prefix(semi + 1);
    }
}

}  // namespace

Attrs parseAttrs(std::string_view text) {
    Attrs attrs;
    while (!text.empty() && text.back() == ';') text.remove_suffix(1);
    attrs.body = std::string{text};
    forEachPair(text, [&](std::string_view name, std::string_view value) {
        if (name == "duid") attrs.duid = std::string{value};
        else if (name == "maxload") attrs.maxload = number(value);
        else if (name == "weight") attrs.weight = percent(value);
        else if (name == "rweight") attrs.rweight = percent(value);
        else if (name == "cc") attrs.cc = number(value) == 1;
        else if (name == "socket") attrs.socket = std::string{value};
        else if (name == "sockname") attrs.sockname = std::string{value};
        else if (name == "ping_socket") attrs.ping_socket = std::string{value};
        else if (name == "ping_from") attrs.ping_from = std::string{value};
        else if (name == "obproxy") attrs.obproxy = std::string{value};
        else if (name == "latency") attrs.latency = number(value);
        else if (name == "ocmin") attrs.ocmin = number(value);
        else if (name == "ocmax") attrs.ocmax = number(value);
        else if (name == "ocrate") attrs.ocrate = number(value);
    });
    if (attrs.maxload < 0) attrs.maxload = 0;
    return attrs;
}

std::optional<std::string_view> attrValue(std::string_view body, std::string_view name) noexcept {
    std::optional<std::string_view> found;
    forEachPair(body, [&](std::string_view n, std::string_view v) {
        if (!found && n == name) found = v;
    });
    return found;
}

}  // namespace sipline::dispatcher
