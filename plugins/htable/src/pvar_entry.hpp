// noexcept C entry points for the pseudo-variables (the SDK has trampolines for functions
// and RPC methods, not for pvars): nothing may escape into the daemon.
#pragma once

#include <sipline/sdk.hpp>

#include "htable_instance.hpp"

namespace sipline::htable {

template <PvarKind Kind>
sipline_status pvarPrepare(void *instance, sipline_str_t argument, void **state, const sipline_diag_t *diag) noexcept {
    try {
        *state = static_cast<const HtablePlugin *>(instance)->preparePvar(Kind, sdk::view(argument));
        return SIPLINE_OK;
    } catch (const std::exception &e) {
        sdk::Diag{diag}.error(e.what());
        return SIPLINE_E_CONFIG;
    } catch (...) {
        sdk::Diag{diag}.error("htable: cannot prepare the variable");
        return SIPLINE_E_CONFIG;
    }
}

template <PvarKind Kind>
sipline_rc pvarGet(void *instance, const void *state, sipline_msg_t *msg, sipline_run_t *run,
                   sipline_value_t *out) noexcept {
    const auto *self = static_cast<const HtablePlugin *>(instance);
    try {
        return self->getPvar(Kind, *static_cast<const CallState *>(state), msg, run, out);
    } catch (const std::exception &e) {
        self->host().error(std::string{"reading a variable failed: "} + e.what());
        return SIPLINE_RC_ERROR;
    } catch (...) {
        return SIPLINE_RC_ERROR;
    }
}

template <PvarKind Kind>
sipline_rc pvarSet(void *instance, const void *state, sipline_msg_t *msg, sipline_run_t *run,
                   const sipline_value_t *value) noexcept {
    const auto *self = static_cast<const HtablePlugin *>(instance);
    try {
        return self->setPvar(Kind, *static_cast<const CallState *>(state), msg, run, *value);
    } catch (const std::exception &e) {
        self->host().error(std::string{"assigning a variable failed: "} + e.what());
        return SIPLINE_RC_ERROR;
    } catch (...) {
        return SIPLINE_RC_ERROR;
    }
}

}  // namespace sipline::htable
