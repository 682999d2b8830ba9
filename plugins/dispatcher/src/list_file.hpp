// Kamailio's dispatcher.list format: "setid destination [flags [priority [attrs]]]" per line,
// '#' comments, fields separated by spaces or tabs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "list_row.hpp"

namespace sipline::dispatcher {

struct ListParse {
    std::vector<ListRow> rows;
    std::string error; // "path:line: reason"; empty when the text parsed
};

ListParse parseListText(std::string_view text, const std::string &name);
// Reads and parses a file; a missing or unreadable file is an error.
ListParse readListFile(const std::string &path);

}  // namespace sipline::dispatcher
