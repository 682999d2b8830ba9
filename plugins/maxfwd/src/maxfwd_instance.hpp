// One maxfwd instance: binds the Max-Forwards arithmetic to the message and holds max_limit,
// which the control thread may change while workers read it.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include <sipline/sdk.hpp>

namespace sipline::maxfwd {

class MaxfwdPlugin : public sdk::PluginBase {
public:
    MaxfwdPlugin(sdk::Host host, std::string_view config_json);

    // [worker] maxfwd.process(max_value): 2 added; 1 decremented; -1 zero; -2 error.
    sipline_rc process(sdk::Call &call);
    // [worker] maxfwd.is_lt(max_value): 1 less; -1 not less; -2 absent; -3 unparsable.
    sipline_rc isLessThan(sdk::Call &call);

    // [control-thread] maxfwd.get_limit and maxfwd.set_limit [N].
    void getLimit(sdk::RpcCall &call);
    void setLimit(sdk::RpcCall &call);

    int64_t maxLimit() const noexcept { return max_limit_.load(std::memory_order_relaxed); }

private:
    std::atomic<int64_t> max_limit_;
};

}  // namespace sipline::maxfwd
