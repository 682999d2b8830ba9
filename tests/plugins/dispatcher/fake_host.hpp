// The fake host for the dispatcher's tests: a message to read and route ($du, R-URI, source),
// run memory and the plugin's run slot, logs, RPC answers, timers that the test fires by hand,
// and send_request that records keepalives for the test to answer.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <sipline/sdk.h>

#include "../../support/fake_plugin_host.hpp"

namespace dispatcher_test {

using Header = sipline::test::FakeHeader;
using sipline::test::FakeRpcReply;
using sipline::test::FakeRun;

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

struct SentRequest {
    std::string method, request_uri, destination, from_uri, to_uri;
    uint32_t timeout_ms;
    sipline_reply_callback on_reply;
    void *data;
};

class FakeHost : public sipline::test::FakePluginHost<FakeMessage> {
public:
    FakeHost() {
        answerRpcs();
        readIsRequestAndMethod();
        readHeaderList();
        allocateFromRun();
        keepRunSlot();
        holdTimers();
        table_.msg_status = [](const sipline_msg_t *m) -> int32_t { return message(m).status; };
        table_.msg_ruri = [](const sipline_msg_t *m) {
            const FakeMessage &msg = message(m);
            return str(msg.new_ruri ? *msg.new_ruri : msg.ruri);
        };
        table_.msg_source = &source;
        table_.msg_set_dst_uri = [](sipline_msg_t *m, sipline_str_t uri) -> sipline_status {
            message(m).dst_uri = text(uri);
            return SIPLINE_OK;
        };
        table_.msg_dst_uri = [](const sipline_msg_t *m) { return str(message(m).dst_uri); };
        table_.msg_set_ruri = [](sipline_msg_t *m, sipline_str_t uri) -> sipline_status {
            message(m).new_ruri = text(uri);
            return SIPLINE_OK;
        };
        table_.send_request = &sendRequest;
    }

    // Answers every recorded request whose R-URI passes `which` with `status` (408: no reply).
    template <class Pred> size_t answer(Pred which, int status) {
        std::vector<SentRequest> due;
        {
            std::lock_guard lock{sent_mutex_};
            for (auto it = sent.begin(); it != sent.end();) {
                if (which(*it)) due.push_back(*it), it = sent.erase(it);
                else ++it;
            }
        }
        static const std::string reply = "SIP/2.0 200 OK\r\n\r\n";
        for (auto &r : due) r.on_reply(r.data, status, status == 408 ? sipline_str_t{} : str(reply));
        return due.size();
    }
    size_t answerAll(int status) {
        return answer([](const SentRequest &) { return true; }, status);
    }

    std::deque<SentRequest> sent;
    bool refuse_requests = false;

private:
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
    static sipline_status sendRequest(const sipline_host_t *h, const sipline_request_t *r, sipline_reply_callback cb,
                                      void *data) {
        auto &fake = self<FakeHost>(h);
        if (fake.refuse_requests) return SIPLINE_E_RUNTIME;
        std::lock_guard lock{fake.sent_mutex_};
        fake.sent.push_back({text(r->method), text(r->request_uri), text(r->destination), text(r->from_uri),
                             text(r->to_uri), r->timeout_ms, cb, data});
        return SIPLINE_OK;
    }

    std::mutex sent_mutex_; // send_request may be called from any thread
};

}  // namespace dispatcher_test
