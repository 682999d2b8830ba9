// Read-only variables standing in for Kamailio's XAVPs and PVs:
//   $dsdst(uri|grp|dstidx|attrs|dstid|socket|count)  the current record  ($xavp(_dsdst_=>...))
//   $dsattr(name)     one attribute of the current record's attrs        ($(xavp(_dsdst_=>attrs){param.value,name}))
//   $dsctx(cnt)       records made by the last select                    ($xavp(_dsctx_=>cnt))
//   $dsg(key)         stats of the set chosen by dsg_fetch (default 1)   ($dsg(key))
//   $dsfrom(setid|attrs|uri)  the is_from_list match                     (setid_pvname, attrs_pvname)
#include <set>

#include "attrs.hpp"
#include "dispatcher_instance.hpp"

namespace sipline::dispatcher {
namespace {

sipline_value_t nullValue() noexcept { return {SIPLINE_VALUE_NULL, 0, 0, {}}; }
sipline_value_t intValue(int64_t n) noexcept { return {SIPLINE_VALUE_INT, 0, n, {}}; }
sipline_value_t strValue(sipline_str_t s) noexcept {
    return s.len == 0 ? nullValue() : sipline_value_t{SIPLINE_VALUE_STR, 0, 0, s};
}

const std::set<std::string, std::less<>> &fieldsOf(PvarUse::Kind kind) {
    static const std::set<std::string, std::less<>> dst{"uri", "grp", "dstidx", "attrs", "dstid", "socket", "count"};
    static const std::set<std::string, std::less<>> ctx{"cnt"};
    static const std::set<std::string, std::less<>> group{"count", "active", "inactive", "pactive", "pinactive"};
    static const std::set<std::string, std::less<>> from{"setid", "attrs", "uri"};
    static const std::set<std::string, std::less<>> none;
    switch (kind) {
    case PvarUse::Kind::Dst: return dst;
    case PvarUse::Kind::Ctx: return ctx;
    case PvarUse::Kind::Group: return group;
    case PvarUse::Kind::From: return from;
    case PvarUse::Kind::Attr: break;
    }
    return none;
}

std::string joined(const std::set<std::string, std::less<>> &names) {
    std::string out;
    for (const auto &n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

PvarUse *DispatcherPlugin::preparePvar(PvarUse::Kind kind, std::string_view argument) const {
    if (argument.empty()) throw sdk::ConfigError{"needs an argument in parentheses"};
    if (kind != PvarUse::Kind::Attr && !fieldsOf(kind).count(argument))
        throw sdk::ConfigError{"unknown key '" + std::string{argument} + "' (known: " + joined(fieldsOf(kind)) + ")"};
    return new PvarUse{kind, std::string{argument}};
}

sipline_rc DispatcherPlugin::getPvar(const PvarUse &use, sipline_msg_t *, sipline_run_t *run, sipline_value_t *out) const {
    const sipline_host_t *h = host().raw();
    const RunState *state = existingRunState(h, run);
    *out = nullValue();
    switch (use.kind) {
    case PvarUse::Kind::Dst: {
        if (use.field == "count") {
            *out = intValue(state ? state->left() : 0);
            break;
        }
        const RunRecord *r = state ? state->front() : nullptr;
        if (!r) break;
        if (use.field == "uri") *out = strValue(r->uri);
        else if (use.field == "grp") *out = intValue(r->grp);
        else if (use.field == "dstidx") *out = intValue(r->dstidx);
        else if (use.field == "attrs") *out = strValue(r->attrs);
        else if (use.field == "dstid") *out = strValue(r->duid);
        else if (use.field == "socket") *out = strValue(r->socket);
        break;
    }
    case PvarUse::Kind::Attr: {
        const RunRecord *r = state ? state->front() : nullptr;
        if (!r) break;
        const auto value = attrValue(sdk::view(r->attrs), use.field);
        if (value) *out = sipline_value_t{SIPLINE_VALUE_STR, 0, 0, sdk::str(*value)}; // points into run memory
        break;
    }
    case PvarUse::Kind::Ctx:
        if (state && state->alg >= 0) *out = intValue(state->selected);
        break;
    case PvarUse::Kind::Group: {
        const auto current = snapshot();
        const DestinationSet *set = current->find(state ? state->dsg_set : 1);
        if (!set) break;
        int64_t count = static_cast<int64_t>(set->dests.size()), inactive = 0;
        for (const auto &d : set->dests) inactive += isSkipped(d->flags.load(std::memory_order_acquire)) ? 1 : 0;
        const int64_t active = count - inactive;
        if (use.field == "count") *out = intValue(count);
        else if (use.field == "active") *out = intValue(active);
        else if (use.field == "inactive") *out = intValue(inactive);
        else if (use.field == "pactive") *out = intValue(count ? active * 100 / count : 0);
        else if (use.field == "pinactive") *out = intValue(count ? inactive * 100 / count : 0);
        break;
    }
    case PvarUse::Kind::From:
        if (!state || !state->matched) break;
        if (use.field == "setid") *out = state->match_set >= 0 ? intValue(state->match_set) : nullValue();
        else if (use.field == "attrs") *out = strValue(state->match_attrs);
        else if (use.field == "uri") *out = strValue(state->match_uri);
        break;
    }
    return SIPLINE_RC_TRUE;
}

}  // namespace sipline::dispatcher
