// What a plugin declares, read from its .so without creating it: `sipline --list-plugins` and
// `sipline --describe-plugin NAME`. The description is Markdown, the same text as the plugin's
// generated reference page (plugins/<name>/REFERENCE.md), so docs and code cannot drift.
#pragma once

#include <string>

namespace sipline::plugins {

// One line per .so in `dir`: "name version  summary", or the file and why it was refused.
std::string listPlugins(const std::string &dir);

// The reference of plugin `name` (dir/name.so): parameters, functions with their arguments,
// routes, return codes and Kamailio names, pseudo-variables, control commands. Throws
// std::runtime_error naming the file when it cannot be loaded.
std::string describePlugin(const std::string &dir, const std::string &name);

}  // namespace sipline::plugins
