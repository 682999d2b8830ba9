// Child processes for end-to-end tests: the daemon, sipp, sipsak, siplinectl.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sipline::test {

struct RunResult {
    int exit_code = -1;   // -1 when killed by a signal or timed out
    bool timed_out = false;
    std::string output;   // stdout and stderr together
};

// Runs a command to completion, killing it after `timeout`.
RunResult run(const std::vector<std::string> &argv, std::chrono::milliseconds timeout);

// A process running in the background whose output goes to a file.
class Process {
public:
    Process(const std::vector<std::string> &argv, const std::string &output_file);
    ~Process(); // SIGKILL if still running
    Process(const Process &) = delete;
    Process &operator=(const Process &) = delete;

    pid_t pid() const noexcept { return pid_; }
    bool running();
    // Sends signal, waits up to timeout; returns the exit code, or nullopt if it had to be
    // killed or died from a signal.
    std::optional<int> stop(int signal, std::chrono::milliseconds timeout);
    // Waits for exit (no signal sent).
    std::optional<int> wait(std::chrono::milliseconds timeout);

private:
    pid_t pid_ = -1;
    bool reaped_ = false;
    int status_ = 0;
};

}  // namespace sipline::test
