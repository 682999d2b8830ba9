// An htable instance on a fake host with a clock the test moves, and short ways to use its
// variables, functions and control commands as the daemon would.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>
#include <sipline/sdk.hpp>

#include "fake_host.hpp"
#include "htable_instance.hpp"

namespace htable_test {

namespace sdk = sipline::sdk;
using sipline::htable::CallState;
using sipline::htable::HtablePlugin;
using sipline::htable::PvarKind;
using sipline::htable::Seconds;

// What a variable reads: $null, an integer or a string.
using Read = std::variant<std::monostate, int64_t, std::string>;

inline sipline_value_t str(const std::string &text) { return {SIPLINE_VALUE_STR, 0, 0, {text.data(), text.size()}}; }
inline sipline_value_t num(int64_t n) { return {SIPLINE_VALUE_INT, 0, n, {}}; }
inline sipline_value_t null() { return {SIPLINE_VALUE_NULL, 0, 0, {}}; }

class InstanceTest : public ::testing::Test {
protected:
    static constexpr Seconds kT0 = 1'700'000'000;

    void make(const std::string &config_json) {
        plugin = std::make_unique<HtablePlugin>(sdk::Host{host.table()}, config_json);
        plugin->setClock([this] { return clock; });
    }
    std::unique_ptr<CallState> prepare(PvarKind kind, const std::string &argument) {
        return std::unique_ptr<CallState>{plugin->preparePvar(kind, argument)};
    }
    Read read(PvarKind kind, const std::string &argument) {
        auto state = prepare(kind, argument);
        sipline_value_t out{};
        EXPECT_GT(plugin->getPvar(kind, *state, msg.handle(), run.handle(), &out), 0);
        if (out.type == SIPLINE_VALUE_INT) return out.integer;
        if (out.type == SIPLINE_VALUE_STR) return std::string{out.str.data, out.str.len};
        return std::monostate{};
    }
    Read sht(const std::string &argument) { return read(PvarKind::Sht, argument); }
    void assign(const std::string &argument, sipline_value_t value, PvarKind kind = PvarKind::Sht) {
        auto state = prepare(kind, argument);
        EXPECT_GT(plugin->setPvar(kind, *state, msg.handle(), run.handle(), value), 0);
    }
    // The refusal text of a configuration, or "accepted".
    std::string refusal(const std::string &config_json) {
        try {
            HtablePlugin other{sdk::Host{host.table()}, config_json};
        } catch (const sdk::ConfigError &e) {
            return e.what();
        }
        return "accepted";
    }

    // A script function through the SDK trampolines: prepare, invoke, release.
    template <auto Prepare, auto Invoke> sipline_rc call(std::vector<sipline_value_t> args) {
        void *state = nullptr;
        std::string why;
        const sipline_diag_t diag{sizeof(sipline_diag_t), &why, [](const sipline_diag_t *d, sipline_str_t text) {
                                      static_cast<std::string *>(d->context)->assign(text.data, text.len);
                                  }};
        const auto count = static_cast<uint32_t>(args.size());
        if (sdk::prepare<Prepare>(plugin.get(), args.data(), count, &state, &diag) != SIPLINE_OK) {
            last_refusal = why;
            return -100;
        }
        const sipline_rc rc = sdk::invoke<Invoke>(plugin.get(), state, msg.handle(), run.handle(), args.data(), count);
        sipline::htable::releaseCallState(plugin.get(), state);
        return rc;
    }

    template <auto Method> FakeRpcReply rpc(const std::string &params) {
        FakeRpcReply reply;
        sdk::rpc<Method>(plugin.get(), sdk::str(params), reply.handle());
        return reply;
    }

    FakeHost host;
    FakeMessage msg;
    FakeRun run;
    Seconds clock = kT0;
    std::unique_ptr<HtablePlugin> plugin;
    std::string last_refusal;
};

}  // namespace htable_test
