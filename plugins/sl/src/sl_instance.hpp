// One sl instance: stateless replies, the ACK filter for them, the counters and the
// "sipline.sl/1" interface.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <sipline/sdk.hpp>

#include "reply_stats.hpp"
#include "sl_config.hpp"

namespace sipline::sl {

class SlPlugin : public sdk::PluginBase {
public:
    SlPlugin(sdk::Host host, std::string_view config_json);

    // [main-thread] Computes the To-tag signature from the first listen address.
    void start();

    // [worker] sl.send_reply(code, reason): 1 sent; -1 ACK, bad reason or send failure;
    // -2 the message is flagged no-reply.
    sipline_rc sendReply(sdk::Call &call);
    // [worker] sl.reply_error(): a reply for the core's last error; -2 when flagged no-reply or
    // a final reply was already sent.
    sipline_rc replyError(sdk::Call &call);
    // [worker] PRE_REQUEST hook: SIPLINE_RC_STOP absorbs an ACK for one of our replies.
    sipline_rc absorbAck(sdk::Message msg, sipline_run_t *run);
    // [control-thread] sl.stats
    void stats(sdk::RpcCall &call);
    // [control] For the Prometheus endpoint: replies sent per code bucket, ACKs absorbed.
    void writeMetrics(sdk::MetricsOut &out);

    // [worker] What send_reply, reply_error and the interface share: build, send, count, flag.
    sipline_rc reply(const sdk::Message &msg, int64_t code, std::string_view reason,
                     std::string_view extra_headers);

    // The To-tag this instance puts on a reply to msg (and expects in the ACK for it).
    std::string toTagFor(const sdk::Message &msg) const;

    const sipline_sl_api_t *api() const noexcept { return &api_; }
    const ReplyStats &statistics() const noexcept { return stats_; }
    const std::string &signature() const noexcept { return signature_; }

private:
    SlConfig config_;
    std::string signature_; // 32 hex chars; written by start() before any worker runs
    ReplyStats stats_;
    sipline_sl_api_t api_;
};

}  // namespace sipline::sl
