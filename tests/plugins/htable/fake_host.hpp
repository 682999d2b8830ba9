// A host table over plain structs, so htable runs without the daemon: templates whose
// variables ($si, $var(x), ...) read a map of the fake message, run memory, timers that
// tests fire by hand, RPC answers and the log.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

namespace htable_test {

struct FakeMessage {
    std::map<std::string, std::string> variables; // "si" -> "10.0.0.1", "var(x)" -> "..."
    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }
};

struct FakeRun {
    std::deque<std::string> memory; // what run_alloc handed out
    sipline_run_t *handle() { return reinterpret_cast<sipline_run_t *>(this); }
};

struct FakeRpcReply {
    std::optional<std::string> result;
    std::optional<std::pair<int32_t, std::string>> fault;
    sipline_rpc_reply_t *handle() { return reinterpret_cast<sipline_rpc_reply_t *>(this); }
};

class FakeHost {
public:
    FakeHost() {
        table_.struct_size = sizeof(table_);
        table_.abi = SIPLINE_ABI_VERSION_INIT;
        table_.host_data = this;
        table_.log = &log;
        table_.run_alloc = &runAlloc;
        table_.template_compile = &templateCompile;
        table_.template_eval = &templateEval;
        table_.template_release = &templateRelease;
        table_.timer_start = &timerStart;
        table_.timer_cancel = &timerCancel;
        table_.rpc_result = &rpcResult;
        table_.rpc_fault = &rpcFault;
    }
    FakeHost(const FakeHost &) = delete;
    FakeHost &operator=(const FakeHost &) = delete;

    const sipline_host_t *table() const { return &table_; }
    const std::vector<std::string> &logs() const { return logs_; }
    int liveTemplates() const { return live_templates_; }
    // The interval of the running timer, 0 when none runs.
    uint32_t timerInterval() const { return timer_callback_ ? timer_interval_ : 0; }
    void fireTimer() const {
        if (timer_callback_) timer_callback_(timer_data_);
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

    static FakeHost &self(const sipline_host_t *host) { return *static_cast<FakeHost *>(host->host_data); }

    static void log(const sipline_host_t *host, sipline_log_level, sipline_str_t line) {
        self(host).logs_.emplace_back(line.data, line.len);
    }
    static void *runAlloc(sipline_run_t *run, size_t size) {
        auto &memory = reinterpret_cast<FakeRun *>(run)->memory;
        memory.emplace_back(size == 0 ? 1 : size, '\0');
        return memory.back().data();
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
        ++self(host).live_templates_;
        return SIPLINE_OK;
    }
    static sipline_status templateEval(const sipline_template_t *compiled, sipline_msg_t *msg, sipline_run_t *run,
                                       sipline_value_t *out) {
        const auto &t = *reinterpret_cast<const Template *>(compiled);
        const auto &variables = reinterpret_cast<FakeMessage *>(msg)->variables;
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
        auto &memory = reinterpret_cast<FakeRun *>(run)->memory;
        memory.push_back(text);
        *out = {SIPLINE_VALUE_STR, 0, 0, {memory.back().data(), memory.back().size()}};
        return SIPLINE_OK;
    }
    static void templateRelease(const sipline_host_t *host, sipline_template_t *compiled) {
        delete reinterpret_cast<Template *>(compiled);
        --self(host).live_templates_;
    }
    static sipline_timer_id timerStart(const sipline_host_t *host, uint32_t interval_ms, void (*callback)(void *),
                                       void *data) {
        FakeHost &h = self(host);
        h.timer_interval_ = interval_ms;
        h.timer_callback_ = callback;
        h.timer_data_ = data;
        return 1;
    }
    static void timerCancel(const sipline_host_t *host, sipline_timer_id) {
        self(host).timer_callback_ = nullptr;
    }
    static void rpcResult(sipline_rpc_reply_t *reply, sipline_str_t json) {
        reinterpret_cast<FakeRpcReply *>(reply)->result = std::string{json.data, json.len};
    }
    static void rpcFault(sipline_rpc_reply_t *reply, int32_t code, sipline_str_t text) {
        reinterpret_cast<FakeRpcReply *>(reply)->fault = std::pair{code, std::string{text.data, text.len}};
    }

    sipline_host_t table_{};
    std::vector<std::string> logs_;
    int live_templates_ = 0;
    uint32_t timer_interval_ = 0;
    void (*timer_callback_)(void *) = nullptr;
    void *timer_data_ = nullptr;
};

}  // namespace htable_test
