// One sanity instance: runs the checks on a message, acts on the first failure (forbid
// replies, answer through sl or keep the answer for sanity.reply) and maps the result to
// Kamailio's return codes.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include <sipline/sdk.hpp>

#include "check_runner.hpp"
#include "sanity_config.hpp"

namespace sipline::sanity {

class MessageFields;

class SanityPlugin : public sdk::PluginBase {
public:
    SanityPlugin(sdk::Host host, std::string_view config_json);

    // [main-thread] Binds sl's interface; throws when sl is not loaded (Kamailio needs it too).
    void start();

    // [main-thread] Validates a call site's arguments; the state is a CallMasks.
    void *prepareCheck(const sipline_value_t *args, uint32_t count);
    static void releaseCheck(void *instance, void *call_state) noexcept;

    // [worker] sanity.check([msg_checks[, uri_checks]]): 1 passed; failed: 0 (autodrop) or -1;
    // -1 for a $variable that is not a valid mask.
    sipline_rc check(sdk::Call &call);
    // [worker] sanity.check_defaults(): as KEMI's sanity_check_defaults, -1 on failure always.
    sipline_rc checkDefaults(sdk::Call &call);
    // [worker] sanity.reply(): sends the reply kept in noreply mode (500 if none); 1, or -1
    // when it could not be sent.
    sipline_rc reply(sdk::Call &call);

    // [worker] Runs the checks and acts on a failure; the result says which check failed.
    SanityResult inspect(const sdk::Message &msg, uint32_t msg_checks, uint32_t uri_checks);

    const SanityConfig &config() const noexcept { return config_; }

    // [control] For the Prometheus endpoint: messages checked, failures per check.
    void writeMetrics(sdk::MetricsOut &out);

private:
    // The message's header fields: the daemon's split when it offers one, else our own.
    static MessageFields fieldsOf(const sdk::Message &msg);
    void actOn(const sdk::Message &msg, const SanityResult &result);
    sipline_rc sendThroughSl(const sdk::Message &msg, int code, std::string_view reason,
                             std::string_view extra_headers);

    SanityConfig config_;
    const sipline_sl_api_t *sl_ = nullptr; // set by start() before any worker runs
    std::atomic<uint64_t> inspected_{0};
    std::array<std::atomic<uint64_t>, 32> failures_{}; // by position in checkOrder()
};

}  // namespace sipline::sanity
