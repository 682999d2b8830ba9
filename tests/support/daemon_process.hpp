// The real sipline daemon started for a test: its config is written from a template with
// @PORT@ (a free SIP port), @DIR@ (the test's directory) and @SOCKET@ (its control socket)
// filled in; it is ready when its control socket answers.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.hpp"
#include "temp_dir.hpp"

namespace sipline::test {

// A port free for both UDP and TCP on 127.0.0.1.
uint16_t freePort();

// One JSON-RPC call over a control socket; returns the whole response object.
nlohmann::json controlCall(const std::string &socket, const std::string &method,
                           const nlohmann::json &params = nlohmann::json::array());

class DaemonProcess {
public:
    // Starts the daemon and waits until it answers on its control socket (or exits).
    explicit DaemonProcess(const std::string &config_template, std::vector<std::string> extra_args = {});
    ~DaemonProcess();

    bool ready() const noexcept { return ready_; }
    uint16_t port() const noexcept { return port_; }
    const std::string &socket() const noexcept { return socket_; }
    pid_t pid() const noexcept { return process_->pid(); }
    const TempDir &dir() const noexcept { return dir_; }
    std::string log() const;
    // The "result" of a control call; throws std::runtime_error on a JSON-RPC error.
    nlohmann::json rpc(const std::string &method, const nlohmann::json &params = nlohmann::json::array()) const;
    // Signal (SIGTERM by default) and wait: the exit code, nullopt when it had to be killed.
    std::optional<int> stop(int signal = 15);

    // Fills @PORT@, @DIR@, @SOCKET@ (and @PLUGIN_DIR@) in text.
    std::string expand(std::string text) const;

private:
    TempDir dir_;
    uint16_t port_;
    std::string socket_;
    std::unique_ptr<Process> process_;
    bool ready_ = false;
};

// Paths of the build, from compile definitions.
std::string daemonPath();
std::string pluginDir();
std::string siplinectlPath();
std::string sourceDir();

}  // namespace sipline::test
