// Alg 10's call bookkeeping: dispatcher.load_update / load_unset (Kamailio's ds_load_update,
// ds_load_unset) and the hooks that do the same for every message when track_calls is on:
// an INVITE picked by alg 10 is an active call until its BYE or CANCEL, or a failed final
// reply to it; a 2xx confirms it (so it lives until hash_expire, not hash_initexpire).
#include "dispatcher_instance.hpp"
#include "hash_input.hpp"

namespace sipline::dispatcher {
namespace {

std::optional<std::string_view> callIdOf(const sdk::Message &msg) {
    const auto value = msg.header("Call-ID");
    if (!value || trimmed(*value).empty()) return std::nullopt;
    return trimmed(*value);
}

}  // namespace

sipline_rc DispatcherPlugin::loadUpdate(sdk::Call &call) {
    const auto call_id = callIdOf(call.msg);
    if (!call_id || !call.msg.header("CSeq")) return -1;
    const std::string_view method = call.msg.method();
    if (call.msg.isRequest()) {
        if (method == "BYE" || method == "CANCEL") call_load_.remove(*call_id);
    } else if (method == "INVITE" && call.msg.status() >= 200 && call.msg.status() < 300) {
        call_load_.confirm(*call_id);
    }
    return 1;
}

sipline_rc DispatcherPlugin::loadUnset(sdk::Call &call) {
    const auto call_id = callIdOf(call.msg);
    if (!call_id) return -1;
    return call_load_.remove(*call_id) ? 1 : -1;
}

sipline_rc DispatcherPlugin::onRequest(sdk::Message msg, sipline_run_t *) {
    if (!config_.track_calls || config_.hash_size <= 0) return SIPLINE_RC_TRUE;
    const std::string_view method = msg.method();
    if (method != "BYE" && method != "CANCEL") return SIPLINE_RC_TRUE;
    if (const auto call_id = callIdOf(msg)) call_load_.remove(*call_id);
    return SIPLINE_RC_TRUE;
}

sipline_rc DispatcherPlugin::onReply(sdk::Message msg, sipline_run_t *) {
    if (!config_.track_calls || config_.hash_size <= 0 || msg.method() != "INVITE") return SIPLINE_RC_TRUE;
    const int status = msg.status();
    if (status < 200) return SIPLINE_RC_TRUE;
    const auto call_id = callIdOf(msg);
    if (!call_id) return SIPLINE_RC_TRUE;
    if (status < 300) call_load_.confirm(*call_id);
    else call_load_.remove(*call_id); // the call failed: its load ends now
    return SIPLINE_RC_TRUE;
}

}  // namespace sipline::dispatcher
