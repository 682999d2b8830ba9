// siplinectl: calls one method on the daemon's control socket, like Kamailio's kamcmd.
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "siplinectl/args.hpp"
#include "siplinectl/client.hpp"
#include "siplinectl/printer.hpp"
#include "siplinectl/socket_path.hpp"

namespace {
using namespace sipline::ctl;
using nlohmann::ordered_json;

// sysexits.h values, so scripts can tell a bad invocation from a failing daemon.
constexpr int kExitMethodError = 1;
constexpr int kExitUnreachable = 2;
constexpr int kExitUsage = 64;
constexpr int kExitConfig = 78;

// path: the socket, or HOST:PORT with --tcp, where the request carries the token as "auth".
int call(const Options &options, const std::string &path) {
    ordered_json request{{"jsonrpc", "2.0"},
                         {"method", options.method},
                         {"params", options.params},
                         {"id", 1}};
    if (options.token) request["auth"] = *options.token;
    std::string answer;
    try {
        const std::string text = request.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
        answer = options.tcp ? exchangeTcp(path, text, options.timeout) : exchange(path, text, options.timeout);
    } catch (const ConnectError &e) {
        std::cerr << "siplinectl: cannot connect to " << path << ": " << e.what() << '\n';
        return kExitUnreachable;
    } catch (const TransportError &e) {
        std::cerr << "siplinectl: " << path << ": " << e.what() << '\n';
        return kExitUnreachable;
    }

    const ordered_json response = ordered_json::parse(answer, nullptr, false);
    if (response.is_discarded() || !response.is_object()) {
        std::cerr << "siplinectl: " << path << ": the answer is not JSON-RPC\n";
        return kExitUnreachable;
    }
    if (const auto error = response.find("error"); error != response.end()) {
        const ordered_json code = error->value("code", ordered_json{});
        const ordered_json message = error->value("message", ordered_json{});
        std::cerr << "error: " << (code.is_null() ? "?" : code.dump()) << ' '
                  << (message.is_string() ? message.get<std::string>() : message.dump()) << '\n';
        return kExitMethodError;
    }
    const auto result = response.find("result");
    if (result == response.end()) {
        std::cerr << "siplinectl: " << path << ": the answer has neither result nor error\n";
        return kExitUnreachable;
    }
    if (options.json)
        std::cout << result->dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
    else
        printReadable(*result, std::cout);
    std::cout.flush();
    return std::cout ? 0 : kExitUnreachable;
}
}  // namespace

int main(int argc, char **argv) {
    const std::vector<std::string_view> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    Options options;
    try {
        options = parseArgs(args);
    } catch (const UsageError &e) {
        std::cerr << "siplinectl: " << e.what() << '\n'
                  << kSynopsis << "Run 'siplinectl --help' for more.\n";
        return kExitUsage;
    }
    if (options.action == Options::Action::Help) {
        std::cout << kSynopsis << kUsageDetails;
        return 0;
    }
    if (options.action == Options::Action::Version) {
        std::cout << "siplinectl " << SIPLINE_VERSION << '\n';
        return 0;
    }

    if (options.tcp) {
        if (!options.token)
            if (const char *env = std::getenv("SIPLINE_CONTROL_TOKEN"); env && *env) options.token = env;
        if (!options.token) {
            std::cerr << "siplinectl: --tcp needs --token or SIPLINE_CONTROL_TOKEN\n";
            return kExitUsage;
        }
        return call(options, *options.tcp);
    }
    std::string path;
    try {
        path = resolveSocketPath(options.socket, options.config);
    } catch (const ConfigError &e) {
        std::cerr << "siplinectl: " << e.what() << '\n';
        return kExitConfig;
    }
    return call(options, path);
}
