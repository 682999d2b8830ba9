#include "control/socket_file.hpp"

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace sipline::control::socket_file {
namespace {
[[noreturn]] void fail(const std::string &path, const std::string &what, int error) {
    throw std::runtime_error{"control socket " + path + ": " + what + ": " + std::strerror(error)};
}

// True when a process accepts connections on the socket file at path.
bool listening(const std::string &path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail(path, "socket()", errno);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) {
        ::close(fd);
        fail(path, "path too long", ENAMETOOLONG);
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address);
    const int error = errno;
    ::close(fd);
    if (rc == 0) return true;
    // A full backlog (EAGAIN) still means someone listens.
    if (error == EAGAIN) return true;
    if (error == ECONNREFUSED || error == ENOENT) return false;
    fail(path, "cannot probe existing socket", error);
}

gid_t groupId(const std::string &socket_path, const std::string &name) {
    std::vector<char> buffer(1024);
    for (;;) {
        struct group entry{};
        struct group *found = nullptr;
        const int rc = ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
        if (rc == ERANGE && buffer.size() < (1u << 20)) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        if (rc != 0) fail(socket_path, "cannot look up group " + name, rc);
        if (!found)
            throw std::runtime_error{"control socket " + socket_path + ": no such group: " + name};
        return entry.gr_gid;
    }
}
}  // namespace

void ensureParentDirectory(const std::string &socket_path) {
    const auto slash = socket_path.rfind('/');
    if (slash == std::string::npos || slash == 0) return;
    const std::string parent = socket_path.substr(0, slash);
    // Create each missing component in turn (mkdir -p), so all of them get 0755.
    for (size_t pos = 1; pos <= parent.size(); ++pos) {
        if (pos != parent.size() && parent[pos] != '/') continue;
        const std::string prefix = parent.substr(0, pos);
        if (::mkdir(prefix.c_str(), 0755) == 0) {
            ::chmod(prefix.c_str(), 0755); // mkdir is subject to the umask
            continue;
        }
        if (errno != EEXIST) fail(socket_path, "cannot create directory " + prefix, errno);
    }
    struct stat info{};
    if (::stat(parent.c_str(), &info) != 0) fail(socket_path, "cannot access " + parent, errno);
    if (!S_ISDIR(info.st_mode))
        throw std::runtime_error{"control socket " + socket_path + ": " + parent +
                                 " is not a directory"};
}

void removeStale(const std::string &socket_path) {
    struct stat info{};
    if (::lstat(socket_path.c_str(), &info) != 0) {
        if (errno == ENOENT) return;
        fail(socket_path, "cannot access", errno);
    }
    if (!S_ISSOCK(info.st_mode))
        throw std::runtime_error{"control socket " + socket_path +
                                 " exists and is not a socket; refusing to replace it"};
    if (listening(socket_path))
        throw std::runtime_error{"control socket " + socket_path + " is in use"};
    if (::unlink(socket_path.c_str()) != 0 && errno != ENOENT)
        fail(socket_path, "cannot remove stale socket", errno);
}

void applyPermissions(const std::string &socket_path, unsigned mode, const std::string &group) {
    if (::chmod(socket_path.c_str(), static_cast<mode_t>(mode)) != 0)
        fail(socket_path, "chmod", errno);
    if (group.empty()) return;
    const gid_t gid = groupId(socket_path, group);
    if (::chown(socket_path.c_str(), static_cast<uid_t>(-1), gid) != 0)
        fail(socket_path, "chown to group " + group, errno);
}

ino_t inodeOf(const std::string &path) {
    struct stat info{};
    return ::lstat(path.c_str(), &info) == 0 ? info.st_ino : 0;
}

void unlinkIfSame(const std::string &path, ino_t inode) {
    if (inode != 0 && inodeOf(path) == inode) ::unlink(path.c_str());
}

}  // namespace sipline::control::socket_file
