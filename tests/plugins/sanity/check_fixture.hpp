// Runs one check (or the whole ordered run) on a message text and describes the outcome in
// one comparable string: "pass", "silent", "no reply" or "400 Bad Headers" (plus any extra
// header lines), so every test states the exact reply in one line.
#pragma once

#include <string>

#include "check_runner.hpp"
#include "checks.hpp"
#include "fake_host.hpp"
#include "sanity_config.hpp"

namespace sanity_test {

using sipline::sanity::CheckInput;
using sipline::sanity::CheckOutcome;
using sipline::sanity::SanityConfig;

inline std::string describe(const CheckOutcome &outcome) {
    if (outcome.passed) return "pass";
    if (outcome.forbid_replies) return "no reply";
    if (outcome.code == 0) return "silent";
    std::string out = std::to_string(outcome.code) + " " + std::string{outcome.reason};
    if (!outcome.extra_headers.empty()) out += " | " + outcome.extra_headers;
    return out;
}

struct CheckOptions {
    uint32_t uri_checks = sipline::sanity::kDefaultUriChecks;
    SanityConfig config = {};
};

template <class Check>
std::string runCheck(Check check, const FakeMessage &message, const CheckOptions &options = {}) {
    const sipline::sanity::HeaderParseProgress progress{message.fields()};
    const CheckInput input{
        .fields = message.fields(),
        .progress = progress,
        .is_request = message.isRequest(),
        .ruri = message.ruri(),
        .body = message.body(),
        .uri_checks = options.uri_checks,
        .config = options.config,
    };
    return describe(check(input));
}

template <class Check>
std::string runCheck(Check check, const std::string &text, const CheckOptions &options = {}) {
    const FakeMessage message{text};
    return runCheck(check, message, options);
}

// The ordered run of msg_checks: "pass" or "<check name>: <outcome>".
inline std::string runAll(const std::string &text, uint32_t msg_checks, const CheckOptions &options = {}) {
    const FakeMessage message{text};
    const auto runner = [msg_checks](const CheckInput &input) {
        const auto result = sipline::sanity::runChecks(input, msg_checks);
        return result;
    };
    const sipline::sanity::HeaderParseProgress progress{message.fields()};
    const CheckInput input{
        .fields = message.fields(),
        .progress = progress,
        .is_request = message.isRequest(),
        .ruri = message.ruri(),
        .body = message.body(),
        .uri_checks = options.uri_checks,
        .config = options.config,
    };
    const auto result = runner(input);
    if (result.passed) return "pass";
    return std::string{result.failed_check} + ": " + describe(result.outcome);
}

}  // namespace sanity_test
