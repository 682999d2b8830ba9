// The fake host for sl's tests: a request to read (compact header names matched as the daemon
// does), the replies sl sends, flags, the destination set, the core's last error, the listen
// address and RPC answers.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

#include "../../support/fake_plugin_host.hpp"

namespace sl_test {

using Header = sipline::test::FakeHeader;
using sipline::test::FakeRpcReply;
using sipline::test::FakeRun;

struct FakeMessage : sipline::test::FakeReplyState {
    explicit FakeMessage(std::string request_method, std::vector<Header> received = {})
        : method{std::move(request_method)}, headers{std::move(received)} {}

    std::string method;
    std::vector<Header> headers;
    bool is_request = true;
    std::vector<std::string> destinations;

    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }
};

class FakeHost : public sipline::test::FakePluginHost<FakeMessage> {
public:
    // An empty address means the daemon listens nowhere (listen_address finds nothing).
    explicit FakeHost(std::string listen_address = "192.0.2.10", uint16_t listen_port = 5060) {
        answerRpcs();
        readIsRequestAndMethod();
        readHeaderList();
        captureReplies();
        readRunLastError();
        listenOn(std::move(listen_address), listen_port);
        table_.msg_destination = &destination;
    }

private:
    static int32_t destination(const sipline_msg_t *msg, uint32_t index, sipline_str_t *uri) {
        const auto &all = message(msg).destinations;
        if (index >= all.size()) return 0;
        *uri = str(all[index]);
        return 1;
    }
};

}  // namespace sl_test
