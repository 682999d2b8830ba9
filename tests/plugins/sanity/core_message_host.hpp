// A host table over the daemon's own parser (daemon/src/sip), as daemon/src/plugins/
// host_table.cpp exposes a message, plus an sl stand-in that checks every reply sanity asks
// for is one SIP allows. Used by the RFC 4475 test, the fuzz target and its regression test:
// it is what "parser + sanity" means without sockets.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

#include "sip/message.hpp"

namespace sanity_test {

// One received message. delivered() says whether the core would hand it to the pipeline at
// all: it drops what does not parse and what has no usable Via.
class CoreMessage {
public:
    explicit CoreMessage(std::string bytes) : bytes_{std::move(bytes)} {
        delivered_ = message_.parse(bytes_).ok && message_.topVia() != nullptr;
    }
    CoreMessage(const CoreMessage &) = delete;
    CoreMessage &operator=(const CoreMessage &) = delete;

    bool delivered() const { return delivered_; }
    const sipline::sip::Message &parsed() const { return message_; }
    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }

    uint32_t flags = 0;

private:
    std::string bytes_;
    sipline::sip::Message message_;
    bool delivered_ = false;
};

struct CoreReply {
    int code = 0;
    std::string reason;
    std::string extra_headers;
};

class CoreHost {
public:
    CoreHost() {
        table_.struct_size = sizeof(table_);
        table_.abi = SIPLINE_ABI_VERSION_INIT;
        table_.host_data = this;
        table_.log = [](const sipline_host_t *, sipline_log_level, sipline_str_t) {};
        table_.get_interface = [](const sipline_host_t *host, const char *id) -> const void * {
            return std::strcmp(id, SIPLINE_IFACE_SL) == 0 ? &static_cast<const CoreHost *>(host->host_data)->sl_ : nullptr;
        };
        table_.msg_raw = [](const sipline_msg_t *m) { return str(of(m).parsed().bytes()); };
        table_.msg_is_request = [](const sipline_msg_t *m) { return of(m).parsed().isRequest() ? 1 : 0; };
        table_.msg_method = [](const sipline_msg_t *m) {
            const auto &msg = of(m).parsed();
            if (msg.isRequest()) return str(msg.method());
            const auto *cseq = msg.cseq();
            return cseq ? str(cseq->method) : sipline_str_t{};
        };
        table_.msg_status = [](const sipline_msg_t *m) { return of(m).parsed().statusCode(); };
        table_.msg_ruri = [](const sipline_msg_t *m) {
            return of(m).parsed().isRequest() ? str(of(m).parsed().requestUriText()) : sipline_str_t{};
        };
        table_.msg_header = [](const sipline_msg_t *m, sipline_str_t name, uint32_t nth, sipline_str_t *value) {
            const auto *field = of(m).parsed().find(std::string_view{name.data, name.len}, nth);
            if (field == nullptr) return 0;
            *value = str(field->value);
            return 1;
        };
        table_.msg_body = [](const sipline_msg_t *m) { return str(of(m).parsed().body()); };
        table_.msg_header_fields = [](const sipline_msg_t *m, sipline_header_field_t *out, uint32_t capacity) {
            const auto &headers = of(m).parsed().headers();
            for (uint32_t i = 0; i < capacity && i < headers.size(); ++i)
                out[i] = {str(headers[i].name), str(headers[i].value), str(headers[i].field)};
            return static_cast<uint32_t>(headers.size());
        };
        table_.msg_flags = [](const sipline_msg_t *m) { return of(m).flags; };
        table_.msg_set_flags = [](sipline_msg_t *m, uint32_t set, uint32_t clear) {
            of(m).flags = (of(m).flags | set) & ~clear;
        };
        sl_ = {.struct_size = sizeof(sipline_sl_api_t), .sl = this, .reply = &slReply};
    }
    CoreHost(const CoreHost &) = delete;
    CoreHost &operator=(const CoreHost &) = delete;

    const sipline_host_t *table() const { return &table_; }
    std::vector<CoreReply> replies;
    std::vector<std::string> violations; // replies SIP does not allow: must stay empty

private:
    static sipline_str_t str(std::string_view s) { return {s.data(), s.size()}; }
    static CoreMessage &of(const sipline_msg_t *m) {
        return *reinterpret_cast<CoreMessage *>(const_cast<sipline_msg_t *>(m));
    }
    static bool isCleanLine(std::string_view text) {
        for (const char c : text)
            if (c == '\r' || c == '\n' || c == '\0') return false;
        return true;
    }
    // The checks sl itself makes, plus the protocol's: never answer a reply or an ACK, never
    // answer a message flagged no-reply, never a broken status line or header line.
    static sipline_rc slReply(void *sl, sipline_msg_t *m, int32_t code, sipline_str_t reason, sipline_str_t extra) {
        auto &self = *static_cast<CoreHost *>(sl);
        CoreMessage &msg = of(m);
        const std::string_view why{reason.data, reason.len};
        const std::string_view lines{extra.data, extra.len};
        if (msg.flags & SIPLINE_MSG_NO_REPLY) return -2;
        if (!msg.parsed().isRequest()) self.violations.push_back("a reply to a reply");
        else if (msg.parsed().method() == "ACK") self.violations.push_back("a reply to an ACK");
        if (code < 100 || code > 699) self.violations.push_back("code " + std::to_string(code));
        if (why.empty() || !isCleanLine(why)) self.violations.push_back("reason '" + std::string{why} + "'");
        if (!lines.empty() && (!lines.ends_with("\r\n") || !isCleanLine(lines.substr(0, lines.size() - 2))))
            self.violations.push_back("extra headers '" + std::string{lines} + "'");
        self.replies.push_back({code, std::string{why}, std::string{lines}});
        return 1;
    }

    sipline_host_t table_{};
    sipline_sl_api_t sl_{};
};

}  // namespace sanity_test
