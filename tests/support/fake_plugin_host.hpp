// What every plugin test's fake host shares: a sipline_host_t table over plain structs, so a
// plugin runs without the daemon. The base fills the table's identity and keeps log lines;
// everything else is an opt-in group (RPC answers, a header list, replies, run memory, timers,
// a listen address), because plugins test SIPLINE_HOST_HAS and a member a plugin's tests never
// asked for must stay NULL. tests/plugins/<name>/fake_host.hpp derives and adds the rest.
#pragma once

#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

namespace sipline::test {

// One header field of a fake message.
struct FakeHeader {
    std::string name;  // as written, possibly compact ("v", "f", "t", "i")
    std::string value; // trimmed, as the daemon's msg_header returns it
    bool operator==(const FakeHeader &) const = default;
};

// Where rpc_result / rpc_fault put a plugin's answer.
struct FakeRpcReply {
    std::optional<std::string> result;
    std::optional<std::pair<int32_t, std::string>> fault;
    sipline_rpc_reply_t *handle() { return reinterpret_cast<sipline_rpc_reply_t *>(this); }
};

// One pipeline run: its scratch memory, the plugin's slot and the core's last error.
struct FakeRun {
    std::deque<std::string> memory; // a deque, so handed-out blocks never move
    void *slot = nullptr;
    sipline_core_error last_error = SIPLINE_CORE_ERROR_NONE;

    sipline_run_t *handle() { return reinterpret_cast<sipline_run_t *>(this); }
    // Zero-filled, like the daemon's arena; never empty, so the pointer is always usable.
    char *alloc(size_t size) { return memory.emplace_back(size == 0 ? 1 : size, '\0').data(); }
    // A string result that must live until the run ends (template_eval's).
    sipline_str_t keep(std::string text) {
        const std::string &kept = memory.emplace_back(std::move(text));
        return {kept.data(), kept.size()};
    }
};

// The part of a fake message that replying changes; messages that are replied to derive it.
struct FakeReplyState {
    uint32_t flags = 0;            // SIPLINE_MSG_*
    bool refuse_send = false;      // msg_send_reply fails, as with a broken connection
    std::vector<std::string> sent; // every msg_send_reply, as bytes
};

// A timer a plugin started; tests fire it by hand instead of waiting.
struct FakeTimer {
    uint32_t interval;
    void (*callback)(void *); // nullptr once cancelled
    void *data;
};

// Message: the plugin's fake message type, what every sipline_msg_t of its tests points at.
template <class Message>
class FakePluginHost {
public:
    FakePluginHost(const FakePluginHost &) = delete;
    FakePluginHost &operator=(const FakePluginHost &) = delete;

    const sipline_host_t *table() const { return &table_; }
    // A copy: plugins log from timer and reply threads too.
    std::vector<std::string> logs() const {
        std::lock_guard lock{log_mutex_};
        return logs_;
    }
    bool logged(std::string_view part) const {
        for (const auto &line : logs())
            if (line.find(part) != std::string::npos) return true;
        return false;
    }

    // Fires every live timer with this interval once.
    void fireTimers(uint32_t interval) {
        for (auto &t : timers)
            if (t.callback && t.interval == interval) t.callback(t.data);
    }
    std::vector<FakeTimer> timers; // index + 1 is the timer's id

protected:
    FakePluginHost() {
        table_.struct_size = sizeof(table_);
        table_.abi = SIPLINE_ABI_VERSION_INIT;
        table_.host_data = this;
        table_.log = [](const sipline_host_t *host, sipline_log_level, sipline_str_t line) {
            auto &fake = base(host);
            std::lock_guard lock{fake.log_mutex_};
            fake.logs_.push_back(text(line));
        };
    }
    ~FakePluginHost() = default;

    static FakePluginHost &base(const sipline_host_t *host) { return *static_cast<FakePluginHost *>(host->host_data); }
    // The derived host behind a table, for its own members.
    template <class Host> static Host &self(const sipline_host_t *host) { return static_cast<Host &>(base(host)); }
    static Message &message(const sipline_msg_t *msg) {
        return *reinterpret_cast<Message *>(const_cast<sipline_msg_t *>(msg));
    }
    static sipline_str_t str(std::string_view s) { return {s.data(), s.size()}; }
    static std::string text(sipline_str_t s) { return s.data ? std::string{s.data, s.len} : std::string{}; }

    // --- Opt-in groups of table members.

    // rpc_result / rpc_fault fill the FakeRpcReply the test passed.
    void answerRpcs() {
        table_.rpc_result = [](sipline_rpc_reply_t *reply, sipline_str_t json) {
            reinterpret_cast<FakeRpcReply *>(reply)->result = text(json);
        };
        table_.rpc_fault = [](sipline_rpc_reply_t *reply, int32_t code, sipline_str_t why) {
            reinterpret_cast<FakeRpcReply *>(reply)->fault = std::pair{code, text(why)};
        };
    }

    // msg_header over Message::headers (FakeHeader), by the daemon's name rule.
    void readHeaderList() {
        table_.msg_header = [](const sipline_msg_t *msg, sipline_str_t name, uint32_t nth,
                               sipline_str_t *value) -> int32_t {
            const std::string wanted = canonicalHeaderName({name.data, name.len});
            for (const FakeHeader &h : message(msg).headers) {
                if (canonicalHeaderName(h.name) != wanted || nth-- > 0) continue;
                *value = str(h.value);
                return 1;
            }
            return 0;
        };
    }

    // msg_is_request and msg_method from Message::is_request and Message::method.
    void readIsRequestAndMethod() {
        table_.msg_is_request = [](const sipline_msg_t *msg) -> int32_t { return message(msg).is_request ? 1 : 0; };
        table_.msg_method = [](const sipline_msg_t *msg) { return str(message(msg).method); };
    }

    // msg_flags, msg_set_flags and msg_send_reply over Message's FakeReplyState.
    void captureReplies() {
        table_.msg_flags = [](const sipline_msg_t *msg) -> uint32_t { return message(msg).flags; };
        table_.msg_set_flags = [](sipline_msg_t *msg, uint32_t set, uint32_t clear) {
            message(msg).flags = (message(msg).flags | set) & ~clear;
        };
        table_.msg_send_reply = [](sipline_msg_t *msg, sipline_str_t bytes) -> sipline_status {
            if (message(msg).refuse_send) return SIPLINE_E_RUNTIME;
            message(msg).sent.push_back(text(bytes));
            return SIPLINE_OK;
        };
    }

    // run_alloc from the FakeRun the test passed.
    void allocateFromRun() {
        table_.run_alloc = [](sipline_run_t *run, size_t size) -> void * {
            return reinterpret_cast<FakeRun *>(run)->alloc(size);
        };
    }

    // run_slot: FakeRun::slot.
    void keepRunSlot() {
        table_.run_slot = [](const sipline_host_t *, sipline_run_t *run) {
            return &reinterpret_cast<FakeRun *>(run)->slot;
        };
    }

    // run_last_error: FakeRun::last_error; no error for tests that pass no run.
    void readRunLastError() {
        table_.run_last_error = [](const sipline_run_t *run) {
            return run ? reinterpret_cast<const FakeRun *>(run)->last_error : SIPLINE_CORE_ERROR_NONE;
        };
    }

    // timer_start / timer_cancel record into `timers`; nothing runs on its own.
    void holdTimers() {
        table_.timer_start = [](const sipline_host_t *host, uint32_t interval_ms, void (*callback)(void *),
                                void *data) -> sipline_timer_id {
            auto &all = base(host).timers;
            all.push_back({interval_ms, callback, data});
            return all.size();
        };
        table_.timer_cancel = [](const sipline_host_t *host, sipline_timer_id id) {
            auto &all = base(host).timers;
            if (id > 0 && id <= all.size()) all[id - 1].callback = nullptr;
        };
    }

    // listen_address: one UDP address; an empty one means the daemon listens nowhere.
    void listenOn(std::string address, uint16_t port) {
        listen_address_ = std::move(address);
        listen_port_ = port;
        table_.listen_address = [](const sipline_host_t *host, uint32_t index, sipline_endpoint_t *out) -> int32_t {
            const auto &fake = base(host);
            if (index != 0 || fake.listen_address_.empty()) return 0;
            out->proto = SIPLINE_PROTO_UDP;
            std::strncpy(out->address, fake.listen_address_.c_str(), sizeof(out->address) - 1);
            out->port = fake.listen_port_;
            return 1;
        };
    }

    sipline_host_t table_{};

private:
    // The daemon's rule for header names: case does not matter and a compact form (RFC 3261
    // 7.3.3) is its full name.
    static std::string canonicalHeaderName(std::string_view name) {
        std::string lower;
        for (const char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "v") return "via";
        if (lower == "f") return "from";
        if (lower == "t") return "to";
        if (lower == "i") return "call-id";
        if (lower == "m") return "contact";
        if (lower == "l") return "content-length";
        return lower;
    }

    mutable std::mutex log_mutex_;
    std::vector<std::string> logs_;
    std::string listen_address_;
    uint16_t listen_port_ = 0;
};

}  // namespace sipline::test
