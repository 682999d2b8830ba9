#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "temp_dir.hpp"

namespace sipline::test {
namespace {

pid_t spawn(const std::vector<std::string> &argv, const std::string &output_file) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        const int fd = open(output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        const int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, STDIN_FILENO);
        // Unblock signals a test framework may have blocked, so SIGTERM reaches the child.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        std::vector<char *> args;
        for (const auto &a : argv) args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    return pid;
}

}  // namespace

RunResult run(const std::vector<std::string> &argv, std::chrono::milliseconds timeout) {
    TempDir dir;
    const std::string out = dir.file("output").string();
    Process process{argv, out};
    RunResult result;
    auto code = process.wait(timeout);
    if (!code && process.running()) {
        result.timed_out = true;
        process.stop(SIGKILL, std::chrono::seconds{2});
    }
    result.exit_code = code.value_or(-1);
    result.output = readFile(out);
    return result;
}

Process::Process(const std::vector<std::string> &argv, const std::string &output_file)
    : pid_{spawn(argv, output_file)} {}

Process::~Process() {
    if (!reaped_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status_, 0);
    }
}

bool Process::running() {
    if (reaped_) return false;
    const pid_t r = waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) reaped_ = true;
    return !reaped_;
}

std::optional<int> Process::wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    if (WIFEXITED(status_)) return WEXITSTATUS(status_);
    return std::nullopt;
}

std::optional<int> Process::stop(int signal, std::chrono::milliseconds timeout) {
    if (!running()) return WIFEXITED(status_) ? std::optional<int>{WEXITSTATUS(status_)} : std::nullopt;
    kill(pid_, signal);
    auto code = wait(timeout);
    if (!code && running()) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status_, 0);
        reaped_ = true;
        return std::nullopt;
    }
    return code;
}

}  // namespace sipline::test
