// Where relative file names in the configuration are looked up. Kamailio's list_file default
// is <CFG_DIR>/dispatcher.list: here the folder of the daemon's config file (the host's
// config_path), else the working directory.
#pragma once

#include <string>
#include <string_view>

namespace sipline::dispatcher {

// The folder of a config file path; empty when the path is.
std::string configDirectoryOf(std::string_view config_path);

// `path` as is when absolute or when base is empty; otherwise base/path, unless only the
// working directory has it (a config naming "conf/examples/x.list" run from the repository
// root): then that file, made absolute so a reload finds it again.
std::string resolveAgainst(const std::string &base, const std::string &path);

}  // namespace sipline::dispatcher
