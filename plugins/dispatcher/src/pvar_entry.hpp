// noexcept entry points of the $ds... variables (the SDK's C++ layer has none for variables):
// exceptions never cross the C ABI.
#pragma once

#include <sipline/sdk.hpp>

#include "dispatcher_instance.hpp"

namespace sipline::dispatcher {

template <PvarUse::Kind Kind>
sipline_status pvarPrepare(void *instance, sipline_str_t argument, void **state, const sipline_diag_t *diag) noexcept {
    try {
        *state = static_cast<DispatcherPlugin *>(instance)->preparePvar(Kind, sdk::view(argument));
        return SIPLINE_OK;
    } catch (const std::exception &e) {
        sdk::Diag{diag}.error(e.what());
    } catch (...) {
        sdk::Diag{diag}.error("unknown exception");
    }
    return SIPLINE_E_CONFIG;
}

inline sipline_rc pvarGet(void *instance, const void *state, sipline_msg_t *msg, sipline_run_t *run,
                          sipline_value_t *out) noexcept {
    try {
        return static_cast<DispatcherPlugin *>(instance)->getPvar(*static_cast<const PvarUse *>(state), msg, run, out);
    } catch (...) {
        *out = {SIPLINE_VALUE_NULL, 0, 0, {}};
        return SIPLINE_RC_ERROR;
    }
}

inline void pvarRelease(void *, void *state) noexcept { delete static_cast<PvarUse *>(state); }

}  // namespace sipline::dispatcher
