// dispatcher.is_from_list / list_exists / is_active / dsg_fetch / oc_set_attrs / reload.
#include <algorithm>
#include <random>

#include "call_args.hpp"
#include "dispatcher_instance.hpp"
#include "lookup.hpp"
#include "snapshot_builder.hpp"
#include "source_match.hpp"

namespace sipline::dispatcher {
namespace {

Transport transportOf(sipline_proto proto) noexcept {
    return proto == SIPLINE_PROTO_TCP ? Transport::Tcp : Transport::Udp;
}

std::string socketText(const sipline_endpoint_t &local) {
    const std::string address = local.address;
    const bool v6 = address.find(':') != std::string::npos;
    return std::string{local.proto == SIPLINE_PROTO_TCP ? "tcp:" : "udp:"} + (v6 ? "[" + address + "]" : address) + ":" +
           std::to_string(local.port);
}

}  // namespace

sipline_rc DispatcherPlugin::isFromList(sdk::Call &call) {
    const int64_t group = integerArg(call, 0).value_or(-1);
    const int64_t mode = integerArg(call, 1).value_or(kMatchIgnoreProto); // Kamailio's default mode 2
    const std::string_view uri_text = textArg(call, 2);
    SourceAddress source;
    const sipline_endpoint_t local = call.msg.local();
    source.local_socket = socketText(local);
    if (!uri_text.empty()) {
        const auto uri = parseSipUri(uri_text);
        if (!uri) return -1;
        const std::string host{uri->host};
        source.addresses = isIpLiteral(host) ? std::vector<std::string>{host} : resolveHost(host);
        source.port = uri->port ? uri->port : (uri->secure ? 5061 : 5060);
        source.transport = uri->transport == Transport::Any ? Transport::Udp : uri->transport;
    } else {
        const sipline_endpoint_t from = call.msg.source();
        source.addresses = {from.address};
        source.port = from.port;
        source.transport = transportOf(from.proto);
    }
    const auto current = snapshot();
    const Destination *d = matchSource(*current, group < 0 || group > INT32_MAX ? -1 : static_cast<int>(group),
                                       static_cast<int>(mode), source);
    if (!d) return -1;
    RunState *state = runState(host().raw(), call.run);
    if (!state) return -2;
    state->matched = true;
    // Kamailio writes setid_pvname only when every set was searched.
    state->match_set = group < 0 ? d->setid : -1;
    state->match_attrs = runCopy(host().raw(), call.run, d->attrs.body);
    state->match_uri = runCopy(host().raw(), call.run, d->uri);
    return 1;
}

sipline_rc DispatcherPlugin::listExists(sdk::Call &call) {
    const auto setid = integerArg(call, 0);
    if (!setid) return -2;
    if (*setid < 0 || *setid > INT32_MAX) return -1;
    return snapshot()->find(static_cast<int>(*setid)) ? 1 : -1;
}

sipline_rc DispatcherPlugin::isActive(sdk::Call &call) {
    const auto setid = integerArg(call, 0);
    if (!setid || *setid < 0 || *setid > INT32_MAX) return -1;
    const auto current = snapshot();
    const DestinationSet *set = current->find(static_cast<int>(*setid));
    if (!set) return -1;
    const std::string_view uri = textArg(call, 1);
    for (const auto &d : set->dests) {
        if (isSkipped(d->flags.load(std::memory_order_acquire))) continue;
        if (uri.empty() || d->uri == uri) return 1; // Kamailio compares the URI bytes here
    }
    return -1;
}

sipline_rc DispatcherPlugin::dsgFetch(sdk::Call &call) {
    const auto setid = integerArg(call, 0);
    if (!setid || *setid < 0 || *setid > INT32_MAX) return -1;
    RunState *state = runState(host().raw(), call.run);
    if (!state) return SIPLINE_RC_ERROR;
    state->dsg_set = static_cast<int32_t>(*setid);
    return 1;
}

// ds_oc_set_attrs(set, uri, rate, time_ms, sequence): RFC 7339 overload control for alg 64.
sipline_rc DispatcherPlugin::ocSetAttrs(sdk::Call &call) {
    const auto setid = integerArg(call, 0), rate = integerArg(call, 2), time = integerArg(call, 3),
               sequence = integerArg(call, 4);
    const std::string_view uri = textArg(call, 1);
    if (!setid || !rate || !time || !sequence || *setid < 0 || *setid > INT32_MAX) return -1;
    const auto current = snapshot();
    if (!current->find(static_cast<int>(*setid))) return -1;
    thread_local std::mt19937 engine{std::random_device{}()};
    bool updated = false;
    for (Destination *d : findAll(*current, static_cast<int>(*setid), uri)) {
        std::lock_guard lock{d->mutex};
        if (*sequence <= d->oc.sequence) continue;
        d->oc.sequence = *sequence;
        d->oc.rate = static_cast<int>(std::clamp<int64_t>(*rate, d->attrs.ocmin, d->attrs.ocmax));
        d->oc.until = std::chrono::steady_clock::now() + std::chrono::milliseconds{*time <= 0 ? 500 : *time};
        d->oc.skip.fill(false);
        std::fill_n(d->oc.skip.begin(), std::clamp(d->oc.rate, 0, 100), true);
        std::shuffle(d->oc.skip.begin(), d->oc.skip.end(), engine);
        d->oc.index = 0;
        updated = true;
    }
    return updated ? 1 : -2;
}

sipline_rc DispatcherPlugin::reloadFunction(sdk::Call &) { return reload().empty() ? 1 : -1; }

}  // namespace sipline::dispatcher
