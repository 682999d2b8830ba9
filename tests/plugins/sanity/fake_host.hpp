// A host table over one message held as raw bytes, so sanity (and sl, when a test wants the
// real reply bytes) runs without the daemon. Header lookups, the body and the R-URI follow the
// daemon's rules: compact names match, the body is cut to Content-Length (RFC 3261 18.3).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

#include "../../support/fake_plugin_host.hpp"
#include "cseq.hpp"
#include "header_kind.hpp"
#include "message_fields.hpp"
#include "numeric_values.hpp"
#include "sip_chars.hpp"

namespace sanity_test {

namespace sanity = sipline::sanity;

class FakeMessage : public sipline::test::FakeReplyState {
public:
    explicit FakeMessage(std::string bytes) : bytes_{std::move(bytes)}, fields_{bytes_} {
        const sanity::StartLine &start = fields_.startLine();
        is_request_ = !start.method.empty();
        ruri_ = std::string{start.uri};
        if (is_request_) {
            method_ = std::string{start.method};
        } else if (const auto *cseq = fields_.first(sanity::HeaderKind::CSeq)) {
            if (const auto parsed = sanity::parseCSeq(cseq->value)) method_ = std::string{parsed->method};
        }
        body_ = fields_.rawBody();
        if (const auto *length = fields_.first(sanity::HeaderKind::ContentLength))
            if (const auto declared = sanity::parseContentLength(length->value); declared && *declared <= body_.size())
                body_ = body_.substr(0, *declared);
    }
    FakeMessage(const FakeMessage &) = delete;
    FakeMessage &operator=(const FakeMessage &) = delete;

    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }

    std::string_view bytes() const { return bytes_; }
    bool isRequest() const { return is_request_; }
    std::string_view method() const { return method_; }
    std::string_view ruri() const { return ruri_; }
    std::string_view body() const { return body_; }
    const sanity::MessageFields &fields() const { return fields_; }

    void rewriteRuri(std::string ruri) { ruri_ = std::move(ruri); }
    void setBody(std::string_view body) { body_ = body; } // e.g. a framing the core never produces

private:
    std::string bytes_;
    sanity::MessageFields fields_;
    bool is_request_ = true;
    std::string method_;
    std::string ruri_;
    std::string_view body_;
};

// What a plugin asked sl to send, through the sipline.sl/1 interface.
struct SlReply {
    int code = 0;
    std::string reason;
    std::string extra_headers;
    bool operator==(const SlReply &) const = default;
};

// A stand-in for sl's interface that records instead of sending, with sl's return codes.
class RecordingSl {
public:
    RecordingSl() : api_{.struct_size = sizeof(sipline_sl_api_t), .sl = this, .reply = &reply} {}
    RecordingSl(const RecordingSl &) = delete;
    RecordingSl &operator=(const RecordingSl &) = delete;

    const sipline_sl_api_t *api() const { return &api_; }
    const std::vector<SlReply> &replies() const { return replies_; }
    bool fail_sends = false;

private:
    static sipline_rc reply(void *sl, sipline_msg_t *msg, int32_t code, sipline_str_t reason,
                            sipline_str_t extra_headers) {
        auto &self = *static_cast<RecordingSl *>(sl);
        auto &message = *reinterpret_cast<FakeMessage *>(msg);
        if (message.flags & SIPLINE_MSG_NO_REPLY) return -2;
        if (!message.isRequest() || message.method() == "ACK" || self.fail_sends) return -1;
        self.replies_.push_back({code, std::string{reason.data, reason.len},
                                 std::string{extra_headers.data, extra_headers.len}});
        if (code >= 200) message.flags |= SIPLINE_MSG_REPLIED;
        return 1;
    }

    sipline_sl_api_t api_;
    std::vector<SlReply> replies_;
};

class FakeHost : public sipline::test::FakePluginHost<FakeMessage> {
public:
    // interface: what get_interface returns for "sipline.sl/1" (nullptr: sl not loaded).
    explicit FakeHost(const sipline_sl_api_t *sl_interface = nullptr) : sl_{sl_interface} {
        captureReplies();
        readRunLastError();
        listenOn("192.0.2.10", 5060);
        table_.get_interface = &getInterface;
        table_.msg_raw = &raw;
        table_.msg_is_request = &isRequest;
        table_.msg_method = &method;
        table_.msg_status = &status;
        table_.msg_ruri = &ruri;
        table_.msg_header = &header;
        table_.msg_body = &body;
        table_.msg_destination = &destination;
    }

    void setSl(const sipline_sl_api_t *sl_interface) { sl_ = sl_interface; }

private:
    static const void *getInterface(const sipline_host_t *host, const char *id) {
        return std::strcmp(id, SIPLINE_IFACE_SL) == 0 ? self<FakeHost>(host).sl_ : nullptr;
    }
    static sipline_str_t raw(const sipline_msg_t *msg) { return str(message(msg).bytes()); }
    static int32_t isRequest(const sipline_msg_t *msg) { return message(msg).isRequest() ? 1 : 0; }
    static sipline_str_t method(const sipline_msg_t *msg) { return str(message(msg).method()); }
    static int32_t status(const sipline_msg_t *) { return 0; }
    static sipline_str_t ruri(const sipline_msg_t *msg) {
        return message(msg).isRequest() ? str(message(msg).ruri()) : sipline_str_t{};
    }
    // The daemon's rule: the nth field of that name, compact forms included, value trimmed.
    static int32_t header(const sipline_msg_t *msg, sipline_str_t name, uint32_t nth, sipline_str_t *value) {
        const std::string_view wanted{name.data, name.len};
        const sanity::HeaderKind kind = sanity::headerKindOf(wanted);
        for (const sanity::HeaderField &field : message(msg).fields().fields()) {
            const bool same = kind != sanity::HeaderKind::Other ? field.kind == kind
                                                                  : sanity::equalsIgnoreCase(field.name, wanted);
            if (!same || nth-- > 0) continue;
            *value = str(field.value);
            return 1;
        }
        return 0;
    }
    static sipline_str_t body(const sipline_msg_t *msg) { return str(message(msg).body()); }
    static int32_t destination(const sipline_msg_t *, uint32_t, sipline_str_t *) { return 0; }

    const sipline_sl_api_t *sl_;
};

// A diag that keeps what a plugin refused, for create() and prepare() tests.
struct DiagRecorder {
    DiagRecorder() = default;
    DiagRecorder(const DiagRecorder &) = delete;
    DiagRecorder &operator=(const DiagRecorder &) = delete;

    std::vector<std::string> errors;
    sipline_diag_t diag{
        .struct_size = sizeof(sipline_diag_t),
        .context = this,
        .error = [](const sipline_diag_t *self, sipline_str_t text) {
            static_cast<DiagRecorder *>(self->context)->errors.emplace_back(text.data, text.len);
        },
    };
    const sipline_diag_t *get() const { return &diag; }
};

}  // namespace sanity_test
