// Template bodies for via.hpp: comma-list splitting shared by Via, Contact, Route and friends.
#pragma once

#include <string_view>

#include "sip_chars.hpp"

namespace sipline::sip {

template <class Sink> void splitCommaList(std::string_view value, Sink &&sink) {
    value = chars::trimLws(value);
    if (value.empty()) return;
    if (value.find(',') == std::string_view::npos) {
        // The common case, one entry: memchr rules out a comma faster than the scan below.
        sink(value);
        return;
    }
    if (value.find('"') == std::string_view::npos && value.find('<') == std::string_view::npos) {
        // Without quotes or angle brackets every comma separates: memchr finds them.
        size_t part_begin = 0;
        for (size_t comma; (comma = value.find(',', part_begin)) != std::string_view::npos; part_begin = comma + 1)
            sink(chars::trimLws(value.substr(part_begin, comma - part_begin)));
        sink(chars::trimLws(value.substr(part_begin)));
        return;
    }
    size_t part_begin = 0;
    bool inside_angle_brackets = false;
    size_t pos = 0;
    while (pos < value.size()) {
        // Most characters are none of the four that matter: skip them in a tight loop.
        while (pos < value.size() && !chars::kCommaListSpecial[static_cast<unsigned char>(value[pos])]) ++pos;
        if (pos == value.size()) break;
        const char c = value[pos];
        // A display name may hold ',' or '<' in quotes; a URI never holds '"', so quotes
        // only count outside <...>.
        if (c == '"' && !inside_angle_brackets) {
            const size_t after = chars::skipQuotedString(value, pos);
            pos = after == std::string_view::npos ? value.size() : after;
            continue;
        }
        if (c == '<') {
            inside_angle_brackets = true;
        } else if (c == '>') {
            inside_angle_brackets = false;
        } else if (c == ',' && !inside_angle_brackets) {
            sink(chars::trimLws(value.substr(part_begin, pos - part_begin)));
            part_begin = pos + 1;
        }
        ++pos;
    }
    // Empty parts (",,") are passed on too: the caller decides whether they are an error.
    sink(chars::trimLws(value.substr(part_begin)));
}

template <class Sink> bool forEachVia(std::string_view value, Sink &&sink) {
    if (chars::trimLws(value).empty()) return false;
    bool all_valid = true;
    splitCommaList(value, [&](std::string_view part) {
        if (!all_valid) return;
        const std::optional<Via> via = parseVia(part);
        if (!via) {
            all_valid = false;
            return;
        }
        sink(*via);
    });
    return all_valid;
}

}  // namespace sipline::sip
