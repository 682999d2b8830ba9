#include "maxfwd_instance.hpp"

#include <charconv>
#include <optional>
#include <string>
#include <variant>

#include "max_forwards.hpp"
#include "max_limit.hpp"

namespace sipline::maxfwd {
namespace {

constexpr std::string_view kHeaderName = "Max-Forwards";
constexpr int32_t kInvalidParamsFault = -32602; // JSON-RPC "Invalid params"

// The argument is declared INT but may hold $variables: those arrive evaluated, possibly as
// text. nullopt when it is neither an integer nor integer text (Kamailio returns -1 then).
std::optional<int64_t> integerArgument(const sdk::Call &call, uint32_t index) noexcept {
    if (!call.has(index)) return std::nullopt;
    const sipline_value_t &arg = call.args[index];
    if (arg.type == SIPLINE_VALUE_INT) return arg.integer;
    if (arg.type != SIPLINE_VALUE_STR) return std::nullopt;
    const std::string_view text = sdk::view(arg.str);
    int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return number;
}

}  // namespace

MaxfwdPlugin::MaxfwdPlugin(sdk::Host host, std::string_view config_json)
    : PluginBase{host}, max_limit_{maxLimitFromConfig(config_json)} {}

sipline_rc MaxfwdPlugin::process(sdk::Call &call) {
    const auto max_value = integerArgument(call, 0);
    if (!max_value) {
        host().error("maxfwd.process: max_value is not an integer");
        return -1;
    }
    // msg_header gives the value as received: edits apply on send, so a second process() on
    // the same message computes the same value again (Kamailio would decrement twice).
    const auto outcome = decideProcess(call.msg.header(kHeaderName), *max_value, maxLimit());
    switch (outcome.edit) {
    case ProcessOutcome::Edit::AddHeader:
        if (!call.msg.addHeader(kHeaderName, outcome.value)) return -2;
        break;
    case ProcessOutcome::Edit::SetValue:
        if (!call.msg.setHeader(kHeaderName, 0, outcome.value)) return -2;
        break;
    case ProcessOutcome::Edit::None:
        break;
    }
    if (outcome.rc == -1 && (*max_value < 0 || *max_value > kMaxValueLimit))
        host().error("maxfwd.process: max_value " + std::to_string(*max_value) +
                     " is outside 0..255");
    return outcome.rc;
}

sipline_rc MaxfwdPlugin::isLessThan(sdk::Call &call) {
    const auto max_value = integerArgument(call, 0);
    if (!max_value) {
        host().error("maxfwd.is_lt: max_value is not an integer");
        return -1;
    }
    return decideIsLessThan(call.msg.header(kHeaderName), *max_value);
}

void MaxfwdPlugin::getLimit(sdk::RpcCall &call) { call.result(maxLimitJson(maxLimit())); }

void MaxfwdPlugin::setLimit(sdk::RpcCall &call) {
    const auto parsed = maxLimitFromRpcParams(call.params());
    if (const auto *message = std::get_if<std::string>(&parsed)) {
        call.fault(kInvalidParamsFault, *message);
        return;
    }
    const int64_t limit = std::get<int64_t>(parsed);
    const int64_t previous = max_limit_.exchange(limit, std::memory_order_relaxed);
    host().info("max_limit changed from " + std::to_string(previous) + " to " +
                std::to_string(limit));
    call.result(maxLimitJson(limit));
}

}  // namespace sipline::maxfwd
