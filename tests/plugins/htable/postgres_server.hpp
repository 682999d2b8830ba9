// A throw-away PostgreSQL server for tests: initdb into a temporary directory, listening only
// on a Unix socket there. PostgreSQL refuses to run as root, so as root it runs as the
// `postgres` user. available() is false (and the tests skip) when no server binaries exist.
#pragma once

#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace htable_test {

class PostgresServer {
public:
    PostgresServer() {
        bin_ = findBinaries();
        if (bin_.empty()) {
            why_ = "no initdb/pg_ctl found";
            return;
        }
        char pattern[] = "/tmp/htable-pg-XXXXXX";
        if (!mkdtemp(pattern)) return;
        dir_ = pattern;
        if (geteuid() == 0) {
            const passwd *user = getpwnam("postgres");
            if (!user) {
                why_ = "running as root without a postgres user";
                return;
            }
            if (chown(dir_.c_str(), user->pw_uid, user->pw_gid) != 0) return;
            as_user_ = {"runuser", "-u", "postgres", "--"};
        }
        const std::string data = (dir_ / "data").string();
        if (!command({bin_ + "/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"})) {
            why_ = "initdb failed";
            return;
        }
        const std::string options = "-k " + dir_.string() + " -c listen_addresses='' -p 5432";
        if (!command({bin_ + "/pg_ctl", "-D", data, "-o", options, "-l", (dir_ / "log").string(), "-w", "-t", "30",
                      "start"})) {
            why_ = "pg_ctl start failed";
            return;
        }
        running_ = true;
    }
    ~PostgresServer() {
        if (running_) command({bin_ + "/pg_ctl", "-D", (dir_ / "data").string(), "-m", "immediate", "-w", "stop"});
        std::error_code ignored;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
    }
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;

    bool available() const { return running_; }
    const std::string &why() const { return why_; }
    // A libpq URI for the `postgres` database over the Unix socket.
    std::string url() const { return "postgresql:///postgres?host=" + dir_.string() + "&port=5432&user=postgres"; }

private:
    static std::string findBinaries() {
        for (const char *dir : {"/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin",
                                "/usr/lib/postgresql/14/bin", "/usr/lib/postgresql/13/bin", "/usr/local/bin", "/usr/bin"})
            if (std::filesystem::exists(std::string{dir} + "/initdb") && std::filesystem::exists(std::string{dir} + "/pg_ctl"))
                return dir;
        return {};
    }
    // Runs a command (as the postgres user when we are root) with its output discarded.
    bool command(std::vector<std::string> argv) const {
        argv.insert(argv.begin(), as_user_.begin(), as_user_.end());
        const pid_t pid = fork();
        if (pid == 0) {
            std::vector<char *> args;
            for (auto &a : argv) args.push_back(a.data());
            args.push_back(nullptr);
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            if (chdir(dir_.c_str()) != 0) _exit(126);
            execvp(args[0], args.data());
            _exit(127);
        }
        int status = 0;
        return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }

    std::string bin_;
    std::filesystem::path dir_;
    std::vector<std::string> as_user_;
    std::string why_;
    bool running_ = false;
};

}  // namespace htable_test
