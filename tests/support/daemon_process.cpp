#include "daemon_process.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <random>
#include <stdexcept>
#include <thread>

namespace sipline::test {

std::string daemonPath() { return SIPLINE_TEST_DAEMON; }
std::string pluginDir() { return SIPLINE_TEST_PLUGIN_DIR; }
std::string siplinectlPath() { return SIPLINE_TEST_SIPLINECTL; }
std::string sourceDir() { return SIPLINE_TEST_SOURCE_DIR; }

namespace {

bool canBind(int type, uint16_t port) {
    const int fd = ::socket(AF_INET, type, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

void replaceAll(std::string &text, const std::string &from, const std::string &to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

uint16_t freePort() {
    static std::mt19937 random{std::random_device{}()};
    for (int attempt = 0; attempt < 200; ++attempt) {
        const auto port = static_cast<uint16_t>(20000 + random() % 30000);
        if (canBind(SOCK_DGRAM, port) && canBind(SOCK_STREAM, port)) return port;
    }
    throw std::runtime_error("no free port");
}

nlohmann::json controlCall(const std::string &path, const std::string &method, const nlohmann::json &params) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to " + path);
    }
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    const std::string request =
        nlohmann::json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}}.dump() + "\n";
    if (::write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
        ::close(fd);
        throw std::runtime_error("write failed");
    }
    std::string response;
    char buffer[4096];
    while (response.find('\n') == std::string::npos) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) break;
        response.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return nlohmann::json::parse(response);
}

DaemonProcess::DaemonProcess(const std::string &config_template, std::vector<std::string> extra_args)
    : port_{freePort()}, socket_{dir_.file("control.sock").string()} {
    const auto config = dir_.write("sipline.toml", expand(config_template));
    std::vector<std::string> argv{daemonPath(), "--config", config.string(), "--plugin-dir", pluginDir()};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    process_ = std::make_unique<Process>(argv, dir_.file("daemon.log").string());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (std::chrono::steady_clock::now() < deadline && process_->running()) {
        try {
            if (controlCall(socket_, "core.version").contains("result")) {
                ready_ = true;
                break;
            }
        } catch (const std::exception &) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
}

DaemonProcess::~DaemonProcess() {
    if (process_ && process_->running()) process_->stop(SIGTERM, std::chrono::seconds{5});
}

std::string DaemonProcess::expand(std::string text) const {
    replaceAll(text, "@PORT@", std::to_string(port_));
    replaceAll(text, "@DIR@", dir_.path().string());
    replaceAll(text, "@SOCKET@", socket_);
    replaceAll(text, "@PLUGIN_DIR@", pluginDir());
    return text;
}

std::string DaemonProcess::log() const { return readFile(dir_.file("daemon.log")); }

nlohmann::json DaemonProcess::rpc(const std::string &method, const nlohmann::json &params) const {
    auto response = controlCall(socket_, method, params);
    if (response.contains("error")) throw std::runtime_error(method + ": " + response["error"].dump());
    return response["result"];
}

std::optional<int> DaemonProcess::stop(int signal) { return process_->stop(signal, std::chrono::seconds{10}); }

}  // namespace sipline::test
