// Prints a method's result for people: scalars as plain text, objects as "key: value" lines,
// nested values indented, arrays of objects as blocks separated by blank lines.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

namespace sipline::ctl {

// A null result or an empty array/object prints nothing (like ls on an empty directory).
void printReadable(const nlohmann::ordered_json &result, std::ostream &out);

}  // namespace sipline::ctl
