// noexcept trampolines from the C ABI to member functions of a C++ plugin class.
// Exceptions never cross the boundary: they become SIPLINE_RC_ERROR or a diag error.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "../plugin.h"
#include "host.hpp"
#include "metrics.hpp"
#include "message.hpp"
#include "strings.hpp"

namespace sipline::sdk {

// The base of every C++ plugin instance: it keeps the host table for the trampolines.
class PluginBase {
public:
    explicit PluginBase(Host host) noexcept : host_{host} {}
    const Host &host() const noexcept { return host_; }

private:
    Host host_;
};

// One invocation of a pipeline function.
struct Call {
    Message msg;
    sipline_run_t *run;
    const sipline_value_t *args;
    uint32_t arg_count;
    const void *state; // what prepare() stored for this call site

    bool has(uint32_t i) const noexcept {
        return i < arg_count && args[i].type != SIPLINE_VALUE_NULL &&
               args[i].type != SIPLINE_VALUE_INVALID;
    }
    int64_t integer(uint32_t i, int64_t fallback = 0) const noexcept {
        return has(i) && args[i].type == SIPLINE_VALUE_INT ? args[i].integer : fallback;
    }
    std::string_view string(uint32_t i) const noexcept {
        return has(i) && args[i].type == SIPLINE_VALUE_STR ? view(args[i].str) : std::string_view{};
    }
};

// One control command call: answer exactly once with result() or fault().
class RpcCall {
public:
    RpcCall(const sipline_host_t *host, sipline_str_t params, sipline_rpc_reply_t *reply) noexcept
        : host_{host}, params_{params}, reply_{reply} {}
    std::string_view params() const noexcept { return view(params_); }
    void result(std::string_view json) noexcept {
        if (!answered_) host_->rpc_result(reply_, str(json));
        answered_ = true;
    }
    void fault(int32_t code, std::string_view message) noexcept {
        if (!answered_) host_->rpc_fault(reply_, code, str(message));
        answered_ = true;
    }
    bool answered() const noexcept { return answered_; }

private:
    const sipline_host_t *host_;
    sipline_str_t params_;
    sipline_rpc_reply_t *reply_;
    bool answered_ = false;
};

namespace detail {
template <class T> struct MemberClass;
template <class C, class R, class... A> struct MemberClass<R (C::*)(A...)> { using type = C; };
template <class C, class R, class... A> struct MemberClass<R (C::*)(A...) const> { using type = C; };
template <class C, class R, class... A> struct MemberClass<R (C::*)(A...) noexcept> { using type = C; };
template <class C, class R, class... A> struct MemberClass<R (C::*)(A...) const noexcept> {
    using type = C;
};
template <auto Method> using ClassOf = typename MemberClass<decltype(Method)>::type;
}  // namespace detail

// Lifecycle. P must be constructible as P(Host, std::string_view config_json) and may throw
// ConfigError; it may have `void start()` and `void stop()`.
template <class P>
sipline_status create(const sipline_host_t *host, sipline_str_t config_json, void **instance,
                      const sipline_diag_t *diag) noexcept {
    try {
        *instance = new P(Host{host}, view(config_json));
        return SIPLINE_OK;
    } catch (const ConfigError &e) {
        Diag{diag}.error(e.what());
        return SIPLINE_E_CONFIG;
    } catch (const std::exception &e) {
        Diag{diag}.error(e.what());
        return SIPLINE_E_RUNTIME;
    } catch (...) {
        Diag{diag}.error("unknown exception in create()");
        return SIPLINE_E_RUNTIME;
    }
}

template <class P> sipline_status start(void *instance, const sipline_diag_t *diag) noexcept {
    try {
        if constexpr (requires(P &p) { p.start(); }) static_cast<P *>(instance)->start();
        return SIPLINE_OK;
    } catch (const std::exception &e) {
        Diag{diag}.error(e.what());
        return SIPLINE_E_RUNTIME;
    } catch (...) {
        Diag{diag}.error("unknown exception in start()");
        return SIPLINE_E_RUNTIME;
    }
}

template <class P> void stop(void *instance) noexcept {
    try {
        if constexpr (requires(P &p) { p.stop(); }) static_cast<P *>(instance)->stop();
    } catch (...) {
        static_cast<P *>(instance)->host().error("exception in stop() ignored");
    }
}

template <class P> void destroy(void *instance) noexcept { delete static_cast<P *>(instance); }

// sipline_rc P::fn(Call &)
template <auto Method>
sipline_rc invoke(void *instance, const void *call_state, sipline_msg_t *msg, sipline_run_t *run,
                  const sipline_value_t *args, uint32_t arg_count) noexcept {
    using P = detail::ClassOf<Method>;
    auto *self = static_cast<P *>(instance);
    try {
        Call call{Message{self->host().raw(), msg}, run, args, arg_count, call_state};
        return (self->*Method)(call);
    } catch (const std::exception &e) {
        self->host().error(std::string{"function failed: "} + e.what());
        return SIPLINE_RC_ERROR;
    } catch (...) {
        self->host().error("function failed with an unknown exception");
        return SIPLINE_RC_ERROR;
    }
}

// void *P::fn(const sipline_value_t *args, uint32_t count): may throw ConfigError.
template <auto Method>
sipline_status prepare(void *instance, const sipline_value_t *args, uint32_t arg_count,
                       void **call_state, const sipline_diag_t *diag) noexcept {
    using P = detail::ClassOf<Method>;
    try {
        *call_state = (static_cast<P *>(instance)->*Method)(args, arg_count);
        return SIPLINE_OK;
    } catch (const std::exception &e) {
        Diag{diag}.error(e.what());
        return SIPLINE_E_CONFIG;
    } catch (...) {
        Diag{diag}.error("unknown exception in prepare()");
        return SIPLINE_E_CONFIG;
    }
}

// sipline_rc P::fn(Message msg, sipline_run_t *run)
template <auto Method>
sipline_rc hook(void *instance, sipline_msg_t *msg, sipline_run_t *run) noexcept {
    using P = detail::ClassOf<Method>;
    auto *self = static_cast<P *>(instance);
    try {
        return (self->*Method)(Message{self->host().raw(), msg}, run);
    } catch (const std::exception &e) {
        self->host().error(std::string{"hook failed: "} + e.what());
        return SIPLINE_RC_TRUE; // a failing hook must not swallow traffic
    } catch (...) {
        self->host().error("hook failed with an unknown exception");
        return SIPLINE_RC_TRUE;
    }
}

// void P::fn(RpcCall &)
template <auto Method>
void rpc(void *instance, sipline_str_t params_json, sipline_rpc_reply_t *reply) noexcept {
    using P = detail::ClassOf<Method>;
    auto *self = static_cast<P *>(instance);
    RpcCall call{self->host().raw(), params_json, reply};
    try {
        (self->*Method)(call);
        if (!call.answered()) call.fault(500, "internal error: no answer");
    } catch (const std::exception &e) {
        call.fault(500, e.what());
    } catch (...) {
        call.fault(500, "internal error");
    }
}

// void P::fn(MetricsOut &) const
template <auto Method>
void metrics(void *instance, const sipline_metrics_out_t *out) noexcept {
    using P = detail::ClassOf<Method>;
    auto *self = static_cast<P *>(instance);
    try {
        MetricsOut writer{out};
        (self->*Method)(writer);
    } catch (const std::exception &e) {
        self->host().error(std::string{"metrics failed: "} + e.what());
    } catch (...) {
        self->host().error("metrics failed with an unknown exception");
    }
}

}  // namespace sipline::sdk
