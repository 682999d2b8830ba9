// The fake host for maxfwd's tests: headers to read, the edits maxfwd records, its log lines
// and its RPC answers.
#pragma once

#include <utility>
#include <vector>

#include <sipline/sdk.h>

#include "../../support/fake_plugin_host.hpp"

namespace maxfwd_test {

using Header = sipline::test::FakeHeader;
using sipline::test::FakeRpcReply;

struct FakeMessage {
    explicit FakeMessage(std::vector<Header> received = {}) : headers{std::move(received)} {}

    std::vector<Header> headers;
    std::vector<Header> added;      // msg_add_header calls
    std::vector<Header> set;        // msg_set_header calls (nth is always 0 for maxfwd)
    bool refuse_edits = false;

    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }
};

class FakeHost : public sipline::test::FakePluginHost<FakeMessage> {
public:
    FakeHost() {
        answerRpcs();
        readHeaderList();
        table_.msg_add_header = &addHeader;
        table_.msg_set_header = &setHeader;
    }

private:
    static sipline_status addHeader(sipline_msg_t *msg, sipline_str_t name, sipline_str_t value) {
        if (message(msg).refuse_edits) return SIPLINE_E_RUNTIME;
        message(msg).added.push_back({text(name), text(value)});
        return SIPLINE_OK;
    }
    static sipline_status setHeader(sipline_msg_t *msg, sipline_str_t name, uint32_t nth,
                                    sipline_str_t value) {
        if (message(msg).refuse_edits || nth != 0) return SIPLINE_E_RUNTIME;
        message(msg).set.push_back({text(name), text(value)});
        return SIPLINE_OK;
    }
};

}  // namespace maxfwd_test
