#include "siplinectl/printer.hpp"

#include <string>
#include <string_view>

namespace sipline::ctl {
namespace {
using nlohmann::ordered_json;
constexpr int kIndentStep = 2;

// Printed on the same line as its key: scalars and empty containers.
bool inlined(const ordered_json &value) { return value.is_primitive() || value.empty(); }

std::string text(const ordered_json &value) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// Writes text at the indentation, re-indenting continuation lines of multi-line strings.
void line(std::ostream &out, int indent, std::string_view content) {
    const std::string pad(static_cast<size_t>(indent), ' ');
    size_t start = 0;
    for (;;) {
        const size_t end = content.find('\n', start);
        out << pad << content.substr(start, end - start) << '\n';
        if (end == std::string_view::npos) return;
        start = end + 1;
    }
}

void print(const ordered_json &value, int indent, std::ostream &out) {
    if (inlined(value)) {
        line(out, indent, text(value));
    } else if (value.is_object()) {
        for (const auto &[key, member] : value.items()) {
            if (inlined(member)) {
                line(out, indent, key + ": " + text(member));
            } else {
                line(out, indent, key + ":");
                print(member, indent + kIndentStep, out);
            }
        }
    } else {
        bool previous_block = false;
        bool first = true;
        for (const auto &element : value) {
            const bool block = !inlined(element);
            if (!first && (block || previous_block)) out << '\n';
            // An object's lines already read as a unit; a nested list needs indenting too.
            print(element, element.is_array() && block ? indent + kIndentStep : indent, out);
            previous_block = block;
            first = false;
        }
    }
}
}  // namespace

void printReadable(const ordered_json &result, std::ostream &out) {
    if (result.is_null() || (result.is_structured() && result.empty())) return;
    print(result, 0, out);
}

}  // namespace sipline::ctl
