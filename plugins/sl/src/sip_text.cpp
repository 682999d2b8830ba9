#include "sip_text.hpp"

namespace sipline::sl {
namespace {

// Index just past the quoted string that starts at `open` (a '"'), honouring backslash
// escapes; text.size() when it is not closed.
size_t endOfQuoted(std::string_view text, size_t open) noexcept {
    for (size_t i = open + 1; i < text.size(); ++i) {
        if (text[i] == '\\') ++i;
        else if (text[i] == '"') return i + 1;
    }
    return text.size();
}

// Index of the first `separator` outside quoted strings at or after `from`, or npos.
size_t findUnquoted(std::string_view text, char separator, size_t from) noexcept {
    for (size_t i = from; i < text.size();) {
        if (text[i] == '"') {
            i = endOfQuoted(text, i);
        } else if (text[i] == separator) {
            return i;
        } else {
            ++i;
        }
    }
    return std::string_view::npos;
}

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

size_t skipWhitespace(std::string_view text, size_t position) noexcept {
    while (position < text.size() && isWhitespace(text[position])) ++position;
    return position;
}

std::string_view trim(std::string_view text) noexcept {
    size_t first = skipWhitespace(text, 0);
    size_t last = text.size();
    while (last > first && isWhitespace(text[last - 1])) --last;
    return text.substr(first, last - first);
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string_view firstListItem(std::string_view list) noexcept {
    return trim(list.substr(0, findUnquoted(list, ',', 0)));
}

std::optional<std::string_view> findParameter(std::string_view params,
                                              std::string_view name) noexcept {
    size_t start = findUnquoted(params, ';', 0);
    while (start != std::string_view::npos) {
        const size_t end = findUnquoted(params, ';', start + 1);
        const std::string_view parameter =
            params.substr(start + 1, end == std::string_view::npos ? end : end - start - 1);
        const size_t equals = parameter.find('=');
        const std::string_view key = trim(parameter.substr(0, equals));
        if (equalsIgnoringCase(key, name))
            return equals == std::string_view::npos ? std::string_view{}
                                                    : trim(parameter.substr(equals + 1));
        start = end;
    }
    return std::nullopt;
}

}  // namespace sipline::sl
