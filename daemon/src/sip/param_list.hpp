// ';'-separated parameter lists: URI params, Via params, From/To/Contact header params.
// Private to daemon/src/sip.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "sip_chars.hpp"

namespace sipline::sip {

struct Param {
    std::string_view name;                  // trimmed
    std::optional<std::string_view> value;  // trimmed; nullopt when there is no '='
};

// Splits `params` (the text after the first ';') at ';' outside quoted strings and calls
// sink(const Param&) for each entry, empty entries included. Whitespace around ';' and '='
// is allowed (SWS in RFC 3261); in URIs there is none to trim, so the same code serves both.
template <class Sink> void forEachParam(std::string_view params, Sink &&sink) {
    size_t start = 0;
    size_t pos = 0;
    size_t equals = std::string_view::npos; // the entry's first '=' outside quotes
    while (true) {
        // Most characters are none of '"', ';' and '=': skip them in a tight loop.
        while (pos < params.size() && !chars::kParamSpecial[static_cast<unsigned char>(params[pos])]) ++pos;
        if (pos < params.size() && params[pos] == '"') {
            const size_t after = chars::skipQuotedString(params, pos);
            pos = after == std::string_view::npos ? params.size() : after;
            continue;
        }
        if (pos < params.size() && params[pos] == '=') {
            if (equals == std::string_view::npos) equals = pos - start;
            ++pos;
            continue;
        }
        const std::string_view entry = params.substr(start, pos - start);
        Param param;
        if (equals == std::string_view::npos) {
            param.name = chars::trimLws(entry);
        } else {
            param.name = chars::trimLws(entry.substr(0, equals));
            param.value = chars::trimLws(entry.substr(equals + 1));
        }
        sink(static_cast<const Param &>(param));
        if (pos >= params.size()) return;
        start = ++pos;
        equals = std::string_view::npos;
    }
}

// The value of the first parameter named `name` (case-insensitive); "" for a parameter
// without '='; nullopt when absent.
std::optional<std::string_view> findParam(std::string_view params, std::string_view name) noexcept;

// True when the entry is `token [= token / host / quoted-string]` (RFC 3261 generic-param).
bool isWellFormedParam(const Param &param) noexcept;

}  // namespace sipline::sip
