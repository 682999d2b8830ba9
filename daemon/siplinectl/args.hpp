// siplinectl's command line: options, the method, and the typing of method arguments.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sipline::ctl {

// A bad command line: siplinectl prints the message and the usage, and exits 64.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Options {
    enum class Action { Call, Help, Version };
    Action action = Action::Call;
    std::optional<std::string> socket; // --socket
    std::optional<std::string> config; // --config
    std::optional<std::string> tcp;    // --tcp HOST:PORT: the daemon's TCP control listener
    std::optional<std::string> token;  // --token, else $SIPLINE_CONTROL_TOKEN (with --tcp)
    bool json = false;
    std::chrono::milliseconds timeout{5000};
    std::string method;
    nlohmann::ordered_json params = nlohmann::ordered_json::array();
};

// Options are recognised only before METHOD, so arguments like "-5" reach the method unchanged.
Options parseArgs(const std::vector<std::string_view> &args); // args without argv[0]

// kamcmd-style typing: "s:x" -> string "x", "i:x" -> integer (UsageError if not one), an
// integer written canonically (no '+', no leading zeros, so "007" and "+49..." stay strings)
// -> number, anything else -> string.
nlohmann::ordered_json typedArg(std::string_view arg);

// The two synopsis lines (printed with usage errors), and the rest of --help.
extern const char *const kSynopsis;
extern const char *const kUsageDetails;

}  // namespace sipline::ctl
