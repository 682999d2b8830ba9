// A host table over plain structs, so the dispatcher runs without the daemon: a message to
// read and route ($du, R-URI, source), run memory and the plugin's run slot, logs, RPC
// answers, timers that the test fires by hand, and send_request that records keepalives for
// the test to answer.
#pragma once

#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

namespace dispatcher_test {

struct Header {
    std::string name;
    std::string value;
};

struct FakeMessage {
    std::string method = "INVITE";
    std::string ruri = "sip:bob@example.com";
    std::vector<Header> headers;
    bool is_request = true;
    int status = 0;
    std::string dst_uri;
    std::optional<std::string> new_ruri;
    std::string source_address = "192.0.2.1";
    uint16_t source_port = 5060;
    sipline_proto source_proto = SIPLINE_PROTO_UDP;

    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }
};

// One pipeline run: scratch memory and the plugin's slot.
struct FakeRun {
    std::vector<std::unique_ptr<char[]>> blocks;
    void *slot = nullptr;
    sipline_run_t *handle() { return reinterpret_cast<sipline_run_t *>(this); }
};

struct FakeRpcReply {
    std::optional<std::string> result;
    std::optional<std::pair<int32_t, std::string>> fault;
    sipline_rpc_reply_t *handle() { return reinterpret_cast<sipline_rpc_reply_t *>(this); }
};

struct SentRequest {
    std::string method, request_uri, destination, from_uri, to_uri;
    uint32_t timeout_ms;
    sipline_reply_callback on_reply;
    void *data;
};

class FakeHost {
public:
    FakeHost() {
        table_.struct_size = sizeof(table_);
        table_.abi = SIPLINE_ABI_VERSION_INIT;
        table_.host_data = this;
        table_.log = &log;
        table_.msg_is_request = [](const sipline_msg_t *m) -> int32_t { return message(m).is_request ? 1 : 0; };
        table_.msg_method = [](const sipline_msg_t *m) { return str(message(m).method); };
        table_.msg_status = [](const sipline_msg_t *m) -> int32_t { return message(m).status; };
        table_.msg_ruri = [](const sipline_msg_t *m) {
            const FakeMessage &msg = message(m);
            return str(msg.new_ruri ? *msg.new_ruri : msg.ruri);
        };
        table_.msg_header = &header;
        table_.msg_source = &source;
        table_.run_alloc = [](sipline_run_t *r, size_t size) -> void * {
            auto &run = *reinterpret_cast<FakeRun *>(r);
            run.blocks.push_back(std::make_unique<char[]>(size ? size : 1));
            return run.blocks.back().get();
        };
        table_.run_slot = [](const sipline_host_t *, sipline_run_t *r) { return &reinterpret_cast<FakeRun *>(r)->slot; };
        table_.msg_set_dst_uri = [](sipline_msg_t *m, sipline_str_t uri) -> sipline_status {
            message(m).dst_uri.assign(uri.data ? uri.data : "", uri.len);
            return SIPLINE_OK;
        };
        table_.msg_dst_uri = [](const sipline_msg_t *m) { return str(message(m).dst_uri); };
        table_.msg_set_ruri = [](sipline_msg_t *m, sipline_str_t uri) -> sipline_status {
            message(m).new_ruri = std::string{uri.data, uri.len};
            return SIPLINE_OK;
        };
        table_.rpc_result = [](sipline_rpc_reply_t *r, sipline_str_t json) {
            reinterpret_cast<FakeRpcReply *>(r)->result = std::string{json.data, json.len};
        };
        table_.rpc_fault = [](sipline_rpc_reply_t *r, int32_t code, sipline_str_t text) {
            reinterpret_cast<FakeRpcReply *>(r)->fault = std::pair{code, std::string{text.data, text.len}};
        };
        table_.timer_start = [](const sipline_host_t *h, uint32_t interval, void (*cb)(void *), void *data) -> sipline_timer_id {
            auto *self = static_cast<FakeHost *>(h->host_data);
            self->timers.push_back({interval, cb, data});
            return self->timers.size();
        };
        table_.timer_cancel = [](const sipline_host_t *h, sipline_timer_id id) {
            auto *self = static_cast<FakeHost *>(h->host_data);
            if (id > 0 && id <= self->timers.size()) self->timers[id - 1].callback = nullptr;
        };
        table_.send_request = [](const sipline_host_t *h, const sipline_request_t *r, sipline_reply_callback cb,
                                 void *data) -> sipline_status {
            auto *self = static_cast<FakeHost *>(h->host_data);
            if (self->refuse_requests) return SIPLINE_E_RUNTIME;
            std::lock_guard lock{self->mutex};
            self->sent.push_back({text(r->method), text(r->request_uri), text(r->destination), text(r->from_uri),
                                  text(r->to_uri), r->timeout_ms, cb, data});
            return SIPLINE_OK;
        };
    }
    FakeHost(const FakeHost &) = delete;
    FakeHost &operator=(const FakeHost &) = delete;

    const sipline_host_t *table() const { return &table_; }
    std::vector<std::string> logs() const {
        std::lock_guard lock{mutex};
        return logs_;
    }
    bool logged(std::string_view part) const {
        for (const auto &l : logs())
            if (l.find(part) != std::string::npos) return true;
        return false;
    }
    // Fires every live timer with this interval once.
    void fireTimers(uint32_t interval) {
        for (auto &t : timers)
            if (t.callback && t.interval == interval) t.callback(t.data);
    }
    // Answers every recorded request whose R-URI passes `which` with `status` (408: no reply).
    template <class Pred> size_t answer(Pred which, int status) {
        std::vector<SentRequest> due;
        {
            std::lock_guard lock{mutex};
            for (auto it = sent.begin(); it != sent.end();) {
                if (which(*it)) due.push_back(*it), it = sent.erase(it);
                else ++it;
            }
        }
        static const std::string reply = "SIP/2.0 200 OK\r\n\r\n";
        for (auto &r : due) r.on_reply(r.data, status, status == 408 ? sipline_str_t{} : sipline_str_t{reply.data(), reply.size()});
        return due.size();
    }
    size_t answerAll(int status) {
        return answer([](const SentRequest &) { return true; }, status);
    }

    struct Timer {
        uint32_t interval;
        void (*callback)(void *);
        void *data;
    };
    std::vector<Timer> timers;
    std::deque<SentRequest> sent;
    bool refuse_requests = false;
    mutable std::mutex mutex;

private:
    static FakeMessage &message(const sipline_msg_t *m) {
        return *reinterpret_cast<FakeMessage *>(const_cast<sipline_msg_t *>(m));
    }
    static sipline_str_t str(const std::string &s) { return {s.data(), s.size()}; }
    static std::string text(sipline_str_t s) { return s.data ? std::string{s.data, s.len} : std::string{}; }
    static std::string lowered(std::string_view s) {
        std::string out;
        for (const char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    }
    static void log(const sipline_host_t *h, sipline_log_level, sipline_str_t line) {
        auto *self = static_cast<FakeHost *>(h->host_data);
        std::lock_guard lock{self->mutex};
        self->logs_.emplace_back(line.data, line.len);
    }
    static int32_t header(const sipline_msg_t *m, sipline_str_t name, uint32_t nth, sipline_str_t *value) {
        const std::string wanted = lowered({name.data, name.len});
        for (const Header &h : message(m).headers) {
            if (lowered(h.name) != wanted || nth-- > 0) continue;
            *value = str(h.value);
            return 1;
        }
        return 0;
    }
    static void source(const sipline_msg_t *m, sipline_endpoint_t *src, sipline_endpoint_t *local) {
        const FakeMessage &msg = message(m);
        if (src) {
            src->proto = msg.source_proto;
            std::strncpy(src->address, msg.source_address.c_str(), sizeof(src->address) - 1);
            src->port = msg.source_port;
        }
        if (local) {
            local->proto = SIPLINE_PROTO_UDP;
            std::strncpy(local->address, "127.0.0.1", sizeof(local->address) - 1);
            local->port = 5060;
        }
    }

    sipline_host_t table_{};
    std::vector<std::string> logs_;
};

}  // namespace dispatcher_test
