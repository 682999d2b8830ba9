#include "list_file.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace sipline::dispatcher {
namespace {

constexpr size_t kMaxLine = 1023; // Kamailio's line buffer

std::vector<std::string_view> fields(std::string_view line) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

template <class T> bool parseNumber(std::string_view text, T &out, int base = 10) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
    return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

bool parseFlags(std::string_view text, uint32_t &out) {
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        return parseNumber(text.substr(2), out, 16);
    return parseNumber(text, out);
}

}  // namespace

ListParse parseListText(std::string_view text, const std::string &name) {
    ListParse out;
    int number = 0;
    while (!text.empty()) {
        ++number;
        const size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        const std::string where = name + ":" + std::to_string(number);
        if (line.size() > kMaxLine) {
            out.error = where + ": line longer than 1023 characters";
            return out;
        }
        line = line.substr(0, line.find('#'));
        const auto f = fields(line);
        if (f.empty()) continue;
        if (f.size() < 2) {
            out.error = where + ": expected 'setid destination [flags [priority [attrs]]]'";
            return out;
        }
        ListRow row;
        row.origin = where;
        // Kamailio takes digits only: no sign, so a negative set id is refused here.
        if (f[0].find_first_not_of("0123456789") != std::string_view::npos || !parseNumber(f[0], row.setid) ||
            row.setid > INT32_MAX) {
            out.error = where + ": set id '" + std::string{f[0]} + "' is not a non-negative integer";
            return out;
        }
        row.destination = std::string{f[1]};
        if (f.size() > 2 && !parseFlags(f[2], row.flags)) {
            out.error = where + ": flags '" + std::string{f[2]} + "' are not an integer (decimal or 0x hex)";
            return out;
        }
        if (f.size() > 3 && !parseNumber(f[3], row.priority)) {
            out.error = where + ": priority '" + std::string{f[3]} + "' is not an integer";
            return out;
        }
        if (f.size() > 4) row.attrs = std::string{f[4]};
        out.rows.push_back(std::move(row));
    }
    return out;
}

ListParse readListFile(const std::string &path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        ListParse out;
        out.error = "cannot read list file '" + path + "'";
        return out;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseListText(text.str(), path);
}

}  // namespace sipline::dispatcher
