#include "pipeline/pvar.hpp"

#include <charconv>
#include <ctime>
#include <stdexcept>
#include <unordered_map>

#include "plugins/diag_collector.hpp"
#include "sip/uri.hpp"
#include "transport/address_text.hpp"

namespace sipline::pipeline {
namespace {

bool isNameChar(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

struct CoreName {
    PvKind kind;
    bool needs_argument;
};

const std::unordered_map<std::string_view, CoreName> &coreNames() {
    static const std::unordered_map<std::string_view, CoreName> names{
        {"null", {PvKind::Null, false}},       {"rm", {PvKind::Method, false}},
        {"ru", {PvKind::Ruri, false}},         {"rU", {PvKind::RuriUser, false}},
        {"rd", {PvKind::RuriDomain, false}},   {"rp", {PvKind::RuriPort, false}},
        {"rs", {PvKind::Status, false}},       {"rr", {PvKind::Reason, false}},
        {"fu", {PvKind::FromUri, false}},      {"fU", {PvKind::FromUser, false}},
        {"fd", {PvKind::FromDomain, false}},   {"ft", {PvKind::FromTag, false}},
        {"fn", {PvKind::FromName, false}},     {"tu", {PvKind::ToUri, false}},
        {"tU", {PvKind::ToUser, false}},       {"td", {PvKind::ToDomain, false}},
        {"tt", {PvKind::ToTag, false}},        {"tn", {PvKind::ToName, false}},
        {"ci", {PvKind::CallId, false}},       {"cs", {PvKind::CSeqNumber, false}},
        {"ua", {PvKind::UserAgent, false}},    {"ct", {PvKind::Contact, false}},
        {"hdr", {PvKind::Header, true}},       {"hdrc", {PvKind::HeaderCount, true}},
        {"si", {PvKind::SourceIp, false}},     {"sp", {PvKind::SourcePort, false}},
        {"Ri", {PvKind::LocalIp, false}},      {"Rp", {PvKind::LocalPort, false}},
        {"pr", {PvKind::Proto, false}},        {"proto", {PvKind::Proto, false}},
        {"du", {PvKind::DstUri, false}},       {"retcode", {PvKind::RetCode, false}},
        {"rc", {PvKind::RetCode, false}},      {"var", {PvKind::Var, true}},
        {"ml", {PvKind::MessageLength, false}}, {"rb", {PvKind::Body, false}},
        {"Ts", {PvKind::Timestamp, false}},
        {"T_reply_code", {PvKind::TReplyCode, false}},
        {"T_fr_timer", {PvKind::TFrTimer, false}},
        {"T_fr_inv_timer", {PvKind::TFrInvTimer, false}},
    };
    return names;
}

Value str(std::string_view s) { return Value::of(s); }

Value optionalStr(const std::optional<std::string_view> &s) {
    return s ? Value::of(*s) : Value::null();
}

// $si is read per message, often twice (a ban check and a counter), so the text is kept for
// the rest of the run.
std::string_view ipText(MessageContext &ctx, const transport::Endpoint &endpoint, std::string_view &cache) {
    if (cache.empty()) cache = ctx.arena.copy(transport::AddressText{endpoint.address}.view());
    return cache;
}

// The R-URI as it is now, parsed; the original's cached parse when it was not rewritten.
std::optional<sip::Uri> currentUri(const MessageContext &ctx) {
    if (!ctx.new_ruri) {
        const sip::Uri *uri = ctx.msg.requestUri();
        return uri ? std::optional<sip::Uri>{*uri} : std::nullopt;
    }
    return sip::parseUri(*ctx.new_ruri);
}

// Rebuilds the R-URI with its user or host part replaced ($rU = ..., $rd = ...).
bool rewriteUriPart(MessageContext &ctx, PvKind part, std::string_view replacement) {
    auto uri = currentUri(ctx);
    if (!uri || (uri->scheme_kind != sip::UriScheme::Sip && uri->scheme_kind != sip::UriScheme::Sips))
        return false;
    std::string out{uri->scheme};
    out += ':';
    const std::string_view user = part == PvKind::RuriUser ? replacement : uri->user;
    if (!user.empty()) {
        out += user;
        if (!uri->password.empty() && part != PvKind::RuriUser) out.append(":").append(uri->password);
        out += '@';
    }
    if (part == PvKind::RuriDomain) {
        out += replacement;
    } else {
        out += uri->host;
        if (!uri->port_text.empty()) out.append(":").append(uri->port_text);
    }
    // Everything after the hostport (params, headers) is kept as written.
    const char *tail = uri->host.data() + uri->host.size() +
                       (uri->port_text.empty() ? 0 : uri->port_text.size() + 1);
    out.append(tail, uri->text.data() + uri->text.size() - tail);
    ctx.new_ruri = ctx.arena.copy(out);
    return true;
}

}  // namespace

std::optional<PvSyntax> scanPv(std::string_view text, std::string *why) {
    PvSyntax out;
    size_t i = 1;
    while (i < text.size() && isNameChar(text[i])) ++i;
    if (i == 1) {
        if (why) *why = "'$' must be followed by a variable name";
        return std::nullopt;
    }
    out.name = text.substr(1, i - 1);
    if (i < text.size() && text[i] == '(') {
        int depth = 1;
        size_t j = i + 1;
        for (; j < text.size() && depth > 0; ++j) {
            if (text[j] == '(') ++depth;
            else if (text[j] == ')') --depth;
        }
        if (depth != 0) {
            if (why) *why = "unbalanced parentheses after $" + std::string{out.name};
            return std::nullopt;
        }
        out.argument = text.substr(i + 1, j - i - 2);
        out.has_argument = true;
        i = j;
    }
    out.length = i;
    return out;
}

std::unique_ptr<PvRef> PvRef::resolve(const PvSyntax &syntax, const plugins::SymbolTable *symbols) {
    std::unique_ptr<PvRef> ref{new PvRef};
    ref->text_ = "$" + std::string{syntax.name};
    if (syntax.has_argument) ref->text_ += "(" + std::string{syntax.argument} + ")";

    if (auto it = coreNames().find(syntax.name); it != coreNames().end()) {
        ref->kind_ = it->second.kind;
        if (it->second.needs_argument && (!syntax.has_argument || syntax.argument.empty()))
            throw std::invalid_argument(ref->text_ + " needs an argument, e.g. $" +
                                        std::string{syntax.name} + "(Name)");
        if (!it->second.needs_argument && syntax.has_argument)
            throw std::invalid_argument("$" + std::string{syntax.name} + " takes no argument");
        ref->argument_ = std::string{syntax.argument};
        if (ref->kind_ == PvKind::Header || ref->kind_ == PvKind::HeaderCount)
            ref->header_ = sip::headerTypeOf(ref->argument_);
        return ref;
    }
    const plugins::BoundPvar *pvar = symbols ? symbols->findPvar(syntax.name) : nullptr;
    if (!pvar) throw std::invalid_argument("unknown variable $" + std::string{syntax.name});
    ref->kind_ = PvKind::Plugin;
    ref->plugin_ = pvar;
    ref->argument_ = std::string{syntax.argument};
    if (pvar->decl->prepare) {
        plugins::DiagCollector diag;
        const sipline_status status = pvar->decl->prepare(
            pvar->instance, sipline_str_t{ref->argument_.data(), ref->argument_.size()},
            &ref->plugin_state_, diag.get());
        if (status != SIPLINE_OK)
            throw std::invalid_argument(ref->text_ + ": " + (diag.empty() ? "refused by plugin " + std::string{pvar->plugin_name} : diag.text()));
    }
    return ref;
}

PvRef::~PvRef() {
    if (plugin_ && plugin_->decl->release && plugin_state_)
        plugin_->decl->release(plugin_->instance, plugin_state_);
}

bool PvRef::writable() const noexcept {
    switch (kind_) {
    case PvKind::TFrTimer:
    case PvKind::TFrInvTimer:
    case PvKind::DstUri:
    case PvKind::Ruri:
    case PvKind::RuriUser:
    case PvKind::RuriDomain:
    case PvKind::Var: return true;
    case PvKind::Plugin: return (plugin_->decl->flags & SIPLINE_PVAR_WRITABLE) && plugin_->decl->set;
    default: return false;
    }
}

Value PvRef::get(MessageContext &ctx) const {
    const sip::Message &m = ctx.msg;
    switch (kind_) {
    case PvKind::Null: return Value::null();
    case PvKind::Method: {
        if (m.isRequest()) return str(m.method());
        const sip::CSeq *cseq = m.cseq();
        return cseq ? str(cseq->method) : Value::null();
    }
    case PvKind::Ruri: return m.isRequest() ? str(ctx.currentRuri()) : Value::null();
    case PvKind::RuriUser:
    case PvKind::RuriDomain:
    case PvKind::RuriPort: {
        if (!m.isRequest()) return Value::null();
        auto uri = currentUri(ctx);
        if (!uri) return Value::null();
        if (kind_ == PvKind::RuriUser) return uri->user.empty() ? Value::null() : str(uri->user);
        if (kind_ == PvKind::RuriDomain) return str(uri->host);
        return uri->port ? Value::of(int64_t{uri->port}) : Value::null();
    }
    case PvKind::Status: return m.isRequest() ? Value::null() : Value::of(int64_t{m.statusCode()});
    case PvKind::Reason: return m.isRequest() ? Value::null() : str(m.reason());
    case PvKind::FromUri:
    case PvKind::FromUser:
    case PvKind::FromDomain:
    case PvKind::FromTag:
    case PvKind::FromName:
    case PvKind::ToUri:
    case PvKind::ToUser:
    case PvKind::ToDomain:
    case PvKind::ToTag:
    case PvKind::ToName: {
        const bool is_from = kind_ <= PvKind::FromName;
        const sip::NameAddr *na = is_from ? m.from() : m.to();
        if (!na) return Value::null();
        const PvKind part = is_from ? kind_ : static_cast<PvKind>(static_cast<int>(kind_) - 5);
        switch (part) {
        case PvKind::FromUri: return str(na->uri_text);
        case PvKind::FromUser: {
            const auto uri = na->uri();
            return uri && !uri->user.empty() ? str(uri->user) : Value::null();
        }
        case PvKind::FromDomain: {
            const auto uri = na->uri();
            return uri ? str(uri->host) : Value::null();
        }
        case PvKind::FromTag: return optionalStr(na->tag);
        default: return na->display_name.empty() ? Value::null() : str(na->display_name);
        }
    }
    case PvKind::CallId: {
        std::string_view id = m.callId();
        return id.empty() ? Value::null() : str(id);
    }
    case PvKind::CSeqNumber: {
        const sip::CSeq *cseq = m.cseq();
        return cseq && cseq->number_valid ? Value::of(int64_t{cseq->number}) : Value::null();
    }
    case PvKind::UserAgent: {
        const sip::Header *h = m.find(sip::HeaderType::UserAgent);
        return h ? str(h->value) : Value::null();
    }
    case PvKind::Contact: {
        const sip::Header *h = m.find(sip::HeaderType::Contact);
        return h ? str(h->value) : Value::null();
    }
    case PvKind::Header: {
        const sip::Header *h = header_ != sip::HeaderType::Other ? m.find(header_) : m.find(argument_);
        return h ? str(h->value) : Value::null();
    }
    case PvKind::HeaderCount: {
        int64_t n = 0;
        if (header_ != sip::HeaderType::Other) n = static_cast<int64_t>(m.count(header_));
        else
            while (m.find(argument_, static_cast<size_t>(n))) ++n;
        return Value::of(n);
    }
    case PvKind::SourceIp: return str(ipText(ctx, ctx.rx.source, ctx.source_ip_text));
    case PvKind::SourcePort: return Value::of(int64_t{ctx.rx.source.port});
    case PvKind::LocalIp: return str(ipText(ctx, ctx.rx.local, ctx.local_ip_text));
    case PvKind::LocalPort: return Value::of(int64_t{ctx.rx.local.port});
    case PvKind::Proto: return str(transport::protoName(ctx.rx.source.proto));
    case PvKind::DstUri: return optionalStr(ctx.dst_uri);
    case PvKind::RetCode: return Value::of(int64_t{ctx.retcode});
    case PvKind::TReplyCode:
        return ctx.failure_reply_code ? Value::of(int64_t{ctx.failure_reply_code}) : Value::null();
    case PvKind::TFrTimer: return ctx.fr_timer_ms ? Value::of(int64_t{*ctx.fr_timer_ms}) : Value::null();
    case PvKind::TFrInvTimer:
        return ctx.fr_inv_timer_ms ? Value::of(int64_t{*ctx.fr_inv_timer_ms}) : Value::null();
    case PvKind::Var:
        for (const auto &[name, value] : ctx.vars)
            if (name == argument_) return value;
        return Value::null();
    case PvKind::MessageLength: return Value::of(static_cast<int64_t>(m.bytes().size()));
    case PvKind::Body: return str(m.body());
    case PvKind::Timestamp: return Value::of(static_cast<int64_t>(std::time(nullptr)));
    case PvKind::Plugin: {
        sipline_value_t out{};
        if (!plugin_->decl->get) return Value::null();
        if (plugin_->decl->get(plugin_->instance, plugin_state_, &ctx, &ctx, &out) < 0) return Value::null();
        return fromAbi(out);
    }
    }
    return Value::null();
}

bool PvRef::set(MessageContext &ctx, const Value &value) const {
    // Strings are copied into the run's arena: the source may be scratch of an evaluation.
    auto owned = [&](const Value &v) -> std::string_view {
        if (v.kind == Value::Kind::Str) return ctx.arena.copy(v.text);
        return ctx.arena.copy(std::to_string(v.integer));
    };
    switch (kind_) {
    case PvKind::TFrTimer:
    case PvKind::TFrInvTimer: {
        // Milliseconds for this transaction (Kamailio's t_set_fr); $null restores the default.
        auto &timer = kind_ == PvKind::TFrTimer ? ctx.fr_timer_ms : ctx.fr_inv_timer_ms;
        if (value.isNull()) {
            timer.reset();
            return true;
        }
        const auto ms = value.asInt();
        if (!ms || *ms < 100 || *ms > 3600000) return false;
        timer = static_cast<uint32_t>(*ms);
        return true;
    }
    case PvKind::DstUri:
        if (value.isNull()) ctx.dst_uri.reset();
        else ctx.dst_uri = owned(value);
        return true;
    case PvKind::Ruri: {
        if (value.isNull() || !ctx.msg.isRequest()) return false;
        std::string_view text = owned(value);
        if (!sip::parseUri(text)) return false;
        ctx.new_ruri = text;
        return true;
    }
    case PvKind::RuriUser:
    case PvKind::RuriDomain:
        if (value.isNull() || !ctx.msg.isRequest()) return false;
        return rewriteUriPart(ctx, kind_, owned(value));
    case PvKind::Var: {
        Value stored = value.kind == Value::Kind::Str ? Value::of(ctx.arena.copy(value.text)) : value;
        for (auto &[name, current] : ctx.vars)
            if (name == argument_) {
                current = stored;
                return true;
            }
        ctx.vars.emplace_back(argument_, stored);
        return true;
    }
    case PvKind::Plugin: {
        if (!writable()) return false;
        const sipline_value_t abi = toAbi(value);
        return plugin_->decl->set(plugin_->instance, plugin_state_, &ctx, &ctx, &abi) > 0;
    }
    default: return false;
    }
}

sipline_value_t toAbi(const Value &value) noexcept {
    sipline_value_t out{};
    switch (value.kind) {
    case Value::Kind::Null: out.type = SIPLINE_VALUE_NULL; break;
    case Value::Kind::Int: out.type = SIPLINE_VALUE_INT; out.integer = value.integer; break;
    case Value::Kind::Str:
        out.type = SIPLINE_VALUE_STR;
        out.str = {value.text.data(), value.text.size()};
        break;
    }
    return out;
}

Value fromAbi(const sipline_value_t &value) noexcept {
    switch (value.type) {
    case SIPLINE_VALUE_INT: return Value::of(value.integer);
    case SIPLINE_VALUE_STR: return Value::of(std::string_view{value.str.data ? value.str.data : "", value.str.len});
    default: return Value::null();
    }
}

}  // namespace sipline::pipeline
