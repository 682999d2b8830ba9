// The fake host for htable's tests: templates whose variables ($si, $var(x), ...) read a map
// of the fake message, run memory, timers that tests fire by hand, RPC answers and the log.
#pragma once

#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

#include "../../support/fake_plugin_host.hpp"

namespace htable_test {

using sipline::test::FakeRpcReply;
using sipline::test::FakeRun;

struct FakeMessage {
    std::map<std::string, std::string> variables; // "si" -> "10.0.0.1", "var(x)" -> "..."
    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }
};

class FakeHost : public sipline::test::FakePluginHost<FakeMessage> {
public:
    FakeHost() {
        answerRpcs();
        allocateFromRun();
        holdTimers();
        table_.template_compile = &templateCompile;
        table_.template_eval = &templateEval;
        table_.template_release = &templateRelease;
    }

    int liveTemplates() const { return live_templates_; }
    // htable runs at most one timer at a time: the last one started and not cancelled.
    // Its interval, 0 when none runs.
    uint32_t timerInterval() const {
        const auto *live = liveTimer();
        return live ? live->interval : 0;
    }
    void fireTimer() const {
        if (const auto *live = liveTimer()) live->callback(live->data);
    }

private:
    // One compiled template: literal text and variable names in order.
    struct Segment {
        bool variable;
        std::string text; // the literal, or the variable name with its argument ("var(x)")
    };
    struct Template {
        std::vector<Segment> segments;
    };

    const sipline::test::FakeTimer *liveTimer() const {
        for (auto t = timers.rbegin(); t != timers.rend(); ++t)
            if (t->callback) return &*t;
        return nullptr;
    }

    // "$name" or "$name(arg)"; "$$" is a literal '$'; "$unknown..." is refused, like an
    // unknown variable in the daemon.
    static sipline_status templateCompile(const sipline_host_t *host, sipline_str_t text, sipline_template_t **out,
                                          const sipline_diag_t *diag) {
        const std::string_view source{text.data, text.len};
        auto compiled = std::make_unique<Template>();
        std::string literal;
        for (size_t i = 0; i < source.size();) {
            if (source[i] != '$') {
                literal += source[i++];
                continue;
            }
            if (i + 1 < source.size() && source[i + 1] == '$') {
                literal += '$';
                i += 2;
                continue;
            }
            size_t end = i + 1;
            while (end < source.size() && (std::isalnum(static_cast<unsigned char>(source[end])) || source[end] == '_'))
                ++end;
            if (end < source.size() && source[end] == '(') end = source.find(')', end) + 1;
            const std::string name{source.substr(i + 1, end - i - 1)};
            if (name.empty() || name.starts_with("unknown")) {
                const std::string why = "unknown variable $" + name;
                diag->error(diag, {why.data(), why.size()});
                return SIPLINE_E_CONFIG;
            }
            if (!literal.empty()) compiled->segments.push_back({false, std::move(literal)});
            literal.clear();
            compiled->segments.push_back({true, name});
            i = end;
        }
        if (!literal.empty()) compiled->segments.push_back({false, literal});
        *out = reinterpret_cast<sipline_template_t *>(compiled.release());
        ++self<FakeHost>(host).live_templates_;
        return SIPLINE_OK;
    }
    static sipline_status templateEval(const sipline_template_t *compiled, sipline_msg_t *msg, sipline_run_t *run,
                                       sipline_value_t *out) {
        const auto &t = *reinterpret_cast<const Template *>(compiled);
        const auto &variables = message(msg).variables;
        std::string text;
        for (const Segment &s : t.segments) {
            if (!s.variable) {
                text += s.text;
                continue;
            }
            const auto found = variables.find(s.text);
            if (t.segments.size() == 1 && found == variables.end()) {
                *out = {SIPLINE_VALUE_NULL, 0, 0, {}};
                return SIPLINE_OK;
            }
            text += found == variables.end() ? "<null>" : found->second;
        }
        *out = {SIPLINE_VALUE_STR, 0, 0, reinterpret_cast<FakeRun *>(run)->keep(std::move(text))};
        return SIPLINE_OK;
    }
    static void templateRelease(const sipline_host_t *host, sipline_template_t *compiled) {
        delete reinterpret_cast<Template *>(compiled);
        --self<FakeHost>(host).live_templates_;
    }

    int live_templates_ = 0;
};

}  // namespace htable_test
