// File-system chores around the control socket's path: the parent directory, a stale socket
// left by a crashed daemon, permissions, and removal. All throw std::runtime_error naming the path.
#pragma once

#include <sys/types.h>

#include <string>

namespace sipline::control::socket_file {

// Creates missing directories of the path's parent with mode 0755.
void ensureParentDirectory(const std::string &socket_path);

// Removes a socket file nobody listens on. Throws when the path is a live socket ("in use") or
// something other than a socket; does nothing when the path does not exist.
void removeStale(const std::string &socket_path);

// chmod to mode and, when group is non-empty, chown to that group.
void applyPermissions(const std::string &socket_path, unsigned mode, const std::string &group);

// Identity of the file at path (0 when missing): lets stop() unlink only the socket it created.
ino_t inodeOf(const std::string &path);

// Unlinks path if it still is the file with that inode.
void unlinkIfSame(const std::string &path, ino_t inode);

}  // namespace sipline::control::socket_file
