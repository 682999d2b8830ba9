// Comma-separated option-tag lists as Kamailio's parse_str_list reads them: the whole text
// trimmed, split at every ',', each item trimmed; empty items are kept (and then match nothing).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipline::sanity {

// nullopt for an empty (or all-whitespace) text, which Kamailio treats as a parse error.
std::optional<std::vector<std::string_view>> splitExtensionList(std::string_view text);

// The first item of `requested` that is not in `supported` (case-sensitive, as Kamailio
// compares), or nullopt when all are supported.
std::optional<std::string_view> firstUnsupported(const std::vector<std::string_view> &requested,
                                                 const std::vector<std::string> &supported);

}  // namespace sipline::sanity
