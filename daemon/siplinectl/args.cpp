#include "siplinectl/args.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace sipline::ctl {
using nlohmann::ordered_json;

const char *const kSynopsis =
    R"(usage: siplinectl [--socket PATH | --config FILE] [--json] [--timeout SECONDS] METHOD [ARGS...]
       siplinectl --tcp HOST:PORT [--token TOKEN] [--json] [--timeout SECONDS] METHOD [ARGS...]
       siplinectl --help | --version
)";

const char *const kUsageDetails = R"(
Calls METHOD on a running sipline daemon through its control socket (JSON-RPC 2.0)
and prints the result.

Options (only before METHOD):
  -s, --socket PATH      the control socket; wins over --config
  -c, --config FILE      read the socket path from [control] socket of this TOML file
                         (default: /etc/sipline/sipline.toml when it exists, else the
                         socket is /run/sipline/sipline.sock)
  --tcp HOST:PORT        use the daemon's TCP control listener ([control] listen) instead
                         of the socket; HOST is an IP address ([::1] for IPv6)
  --token TOKEN          the [control] token sent with the request (--tcp only); prefer the
                         SIPLINE_CONTROL_TOKEN environment variable: arguments are visible
                         to every user in the process list
  -j, --json             print the result as JSON instead of readable text
  -t, --timeout SECONDS  how long to wait for the answer (default 5)
  -h, --help             print this help
  -V, --version          print the version

Arguments become the method's params. An integer becomes a number, anything else a
string; s:VALUE forces a string (s:15), i:VALUE forces an integer (i:15).

Exit status: 0 success, 1 the method returned an error, 2 the daemon cannot be reached,
64 bad command line, 78 bad config file.

Examples:
  siplinectl system.listMethods
  siplinectl system.methodHelp system.listMethods
)";

namespace {
std::optional<ordered_json> parseInteger(std::string_view text) {
    if (text.empty()) return std::nullopt;
    const char *end = text.data() + text.size();
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec == std::errc{} && ptr == end) return ordered_json(value);
    // Above INT64_MAX but still a valid unsigned 64-bit value.
    uint64_t unsigned_value = 0;
    auto [uptr, uec] = std::from_chars(text.data(), end, unsigned_value);
    if (uec == std::errc{} && uptr == end) return ordered_json(unsigned_value);
    return std::nullopt;
}

// Only the form the integer prints back as, so no typed argument loses characters.
bool canonicalInteger(std::string_view text) {
    if (text == "-0") return false;
    if (!text.empty() && text.front() == '-') text.remove_prefix(1);
    if (text.empty() || (text.size() > 1 && text.front() == '0')) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

std::chrono::milliseconds parseTimeout(std::string_view text) {
    const std::string copy{text};
    char *end = nullptr;
    const double seconds = std::strtod(copy.c_str(), &end);
    if (copy.empty() || *end != '\0' || !std::isfinite(seconds) || seconds <= 0 ||
        seconds > 86400)
        throw UsageError{"invalid --timeout: " + copy + " (seconds, more than 0)"};
    return std::chrono::milliseconds{static_cast<int64_t>(std::ceil(seconds * 1000))};
}
}  // namespace

ordered_json typedArg(std::string_view arg) {
    if (arg.starts_with("s:")) return ordered_json(arg.substr(2));
    if (arg.starts_with("i:")) {
        std::string_view digits = arg.substr(2);
        if (digits.starts_with('+')) digits.remove_prefix(1);
        if (auto number = parseInteger(digits)) return *number;
        throw UsageError{"not an integer: " + std::string{arg}};
    }
    if (canonicalInteger(arg))
        if (auto number = parseInteger(arg)) return *number;
    return ordered_json(arg);
}

Options parseArgs(const std::vector<std::string_view> &args) {
    Options options;
    size_t i = 0;
    // Value of an option given as "--opt VALUE" or "--opt=VALUE".
    auto value = [&](std::string_view arg, std::string_view name) -> std::optional<std::string> {
        if (arg == name) {
            if (i + 1 >= args.size()) throw UsageError{"option " + std::string{name} +
                                                       " needs a value"};
            return std::string{args[++i]};
        }
        if (name.starts_with("--") && arg.starts_with(name) && arg.size() > name.size() &&
            arg[name.size()] == '=')
            return std::string{arg.substr(name.size() + 1)};
        return std::nullopt;
    };
    for (; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg == "--") {
            ++i;
            break;
        }
        if (arg.empty() || arg.front() != '-') break;
        if (arg == "-h" || arg == "--help") {
            options.action = Options::Action::Help;
            return options;
        }
        if (arg == "-V" || arg == "--version") {
            options.action = Options::Action::Version;
            return options;
        }
        if (arg == "-j" || arg == "--json") {
            options.json = true;
        } else if (auto v = value(arg, "--socket"); v || (v = value(arg, "-s"))) {
            if (v->empty()) throw UsageError{"--socket needs a path"};
            options.socket = *v;
        } else if (auto v = value(arg, "--config"); v || (v = value(arg, "-c"))) {
            if (v->empty()) throw UsageError{"--config needs a file"};
            options.config = *v;
        } else if (auto v = value(arg, "--tcp")) {
            if (v->empty()) throw UsageError{"--tcp needs HOST:PORT"};
            options.tcp = *v;
        } else if (auto v = value(arg, "--token")) {
            options.token = *v;
        } else if (auto v = value(arg, "--timeout"); v || (v = value(arg, "-t"))) {
            options.timeout = parseTimeout(*v);
        } else {
            throw UsageError{"unknown option " + std::string{arg}};
        }
    }
    if (options.tcp && (options.socket || options.config))
        throw UsageError{"--tcp excludes --socket and --config"};
    if (options.token && !options.tcp) throw UsageError{"--token is for --tcp only"};
    if (i >= args.size()) throw UsageError{"no METHOD given"};
    options.method = std::string{args[i++]};
    for (; i < args.size(); ++i) options.params.push_back(typedArg(args[i]));
    return options;
}

}  // namespace sipline::ctl
